package io.kubechat.operator.execute;

/** How much of a result fits in a CommandExecution's status; the audit ledger keeps the rest. */
public record ResultLimits(int maxRows, int maxCellLength, int maxTextLength) {

    /** Well inside etcd's object size limit and the CRD's schema bounds (500 rows, 64 KiB of text). */
    public static final ResultLimits STATUS = new ResultLimits(200, 256, 32 * 1024);

    String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= maxCellLength ? value : value.substring(0, maxCellLength - 1) + "…";
    }
}
