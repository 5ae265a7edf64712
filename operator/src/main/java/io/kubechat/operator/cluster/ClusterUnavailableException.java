package io.kubechat.operator.cluster;

/** The cluster a command names cannot be used; {@code reason} is CamelCase for its condition. */
public class ClusterUnavailableException extends RuntimeException {

    private final String reason;

    public ClusterUnavailableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
