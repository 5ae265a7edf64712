package io.kubechat.audit.export;

/** An export whose parts contradict each other, found while reading it. */
public final class TamperedExportException extends IllegalArgumentException {

    private final long sequence;

    public TamperedExportException(long sequence, String message) {
        super(message);
        this.sequence = sequence;
    }

    public long sequence() {
        return sequence;
    }
}
