package io.kubechat.kubectl;

/** The plugin's exit codes, listed in its help. */
final class ExitCodes {

    static final int OK = 0;
    static final int NOT_SUCCEEDED = 1;
    static final int USAGE = 2;
    static final int AWAITING_APPROVAL = 3;
    static final int TIMED_OUT = 4;
    static final int UNAVAILABLE = 5;

    private ExitCodes() {
    }
}
