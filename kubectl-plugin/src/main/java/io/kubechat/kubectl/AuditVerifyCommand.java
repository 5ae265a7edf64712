package io.kubechat.kubectl;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.verify.VerificationResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {
        "Verify the whole ledger: every archive segment's signature, every record's hash and chain link, and every signed checkpoint.",
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
            VerificationResult result = ledger.verify();
            var out = result.valid() ? spec.commandLine().getOut() : spec.commandLine().getErr();
            out.println(result + " (ledger " + ledgerOptions.origin + ", key " + key.keyId() + ")");
            out.flush();
            return result.valid() ? ExitCodes.OK : ExitCodes.NOT_SUCCEEDED;
        }
    }
}
