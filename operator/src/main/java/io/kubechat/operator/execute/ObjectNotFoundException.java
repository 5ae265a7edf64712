package io.kubechat.operator.execute;

/** The command names an object that does not exist (or that the requester cannot see). */
public final class ObjectNotFoundException extends RuntimeException {
    public ObjectNotFoundException(String message) {
        super(message);
    }
}
