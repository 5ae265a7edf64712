package io.kubechat.audit.cli;

import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.export.ExportBundle;
import io.kubechat.audit.export.ExportReader;
import io.kubechat.audit.verify.ExportVerifier;
import io.kubechat.audit.verify.VerificationResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The auditor's verifier: {@code java -jar kubechat-audit-verify.jar <export> <public-key.pem>}.
 * Exit status 0 when the export verifies, 1 when it does not, 2 when it cannot be read.
 */
public final class VerifyCommand {

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar kubechat-audit-verify.jar <export.jsonl|.csv|.pdf> <public-key.pem>");
            return 2;
        }
        Path export = Path.of(args[0]);
        try {
            VerificationKey key = VerificationKey.read(Path.of(args[1]));
            VerificationResult result = ExportVerifier.verify(export, key);
            if (!result.valid()) {
                out.println(result);
                return 1;
            }
            ExportBundle b = ExportReader.read(export);
            out.println("VALID: records " + b.firstSequence() + " to " + b.lastSequence() + " of log " + b.origin()
                    + " are unaltered and complete, and are in the tree of size " + b.checkpoint().treeSize()
                    + " signed at " + b.checkpoint().timestamp() + " by key " + key.keyId());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot verify " + export + ": " + e.getMessage());
            return 2;
        }
    }
}
