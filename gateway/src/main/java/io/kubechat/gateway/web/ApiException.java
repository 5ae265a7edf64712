package io.kubechat.gateway.web;

/** A refusal with a status, a CamelCase code and plain words, as the API contract shapes errors. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String suggestion;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, String suggestion) {
        super(message);
        this.status = status;
        this.code = code;
        this.suggestion = suggestion;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String suggestion() {
        return suggestion;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NotFound", what + " was not found");
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }
}
