package io.kubechat.audit;

/**
 * The ledger could not complete an operation against PostgreSQL. For an append this means the event is not
 * recorded (unless the database vanished in the middle of the commit and stayed away): callers must not go on
 * as if it were audited. Appends work again as soon as the database is back.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
