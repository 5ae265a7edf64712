package io.kubechat.operator.execute;

/** The command cannot be carried out as asked; the message says why in kubectl's terms. */
public final class CommandRefusedException extends RuntimeException {
    public CommandRefusedException(String message) {
        super(message);
    }
}
