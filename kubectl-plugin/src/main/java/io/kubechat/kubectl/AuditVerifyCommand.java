package io.kubechat.kubectl;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.verify.Anchor;
import io.kubechat.audit.verify.LedgerVerifier;
import io.kubechat.audit.verify.VerificationResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {
        "Verify the whole ledger: every record's hash and chain link, and every signed checkpoint.",
        "Exit code 0 when valid, 1 with the first bad sequence number when not."})
final class AuditVerifyCommand implements Callable<Integer> {

    @Mixin
    LedgerOptions ledgerOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VerificationKey key = ledgerOptions.verificationKey();
        try (AuditLedger ledger = ledgerOptions.open()) {
            VerificationResult result = verify(ledger, key);
            var out = result.valid() ? spec.commandLine().getOut() : spec.commandLine().getErr();
            out.println(result + " (ledger " + ledgerOptions.origin + ", key " + key.keyId() + ")");
            out.flush();
            return result.valid() ? ExitCodes.OK : ExitCodes.NOT_SUCCEEDED;
        }
    }

    /**
     * As {@link AuditLedger#verify()}, but with the given key, which may be the public key alone. Checkpoints
     * are read before the head, so none claims more records than are streamed.
     */
    private static VerificationResult verify(AuditLedger ledger, VerificationKey key) {
        List<SignedCheckpoint> checkpoints = ledger.checkpoints();
        Anchor anchor = ledger.archiveAnchor();
        long size = ledger.size();
        LedgerVerifier verifier = new LedgerVerifier(key, anchor, checkpoints);
        if (size > anchor.size()) {
            ledger.records(anchor.size() + 1, size, verifier::accept);
        }
        return verifier.finish(size);
    }
}
