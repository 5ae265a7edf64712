package io.kubechat.kubectl;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.export.AuditExporter;
import io.kubechat.audit.export.ExportBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {
        "Export a range of the ledger with its signed checkpoint and inclusion proofs, verifiable offline:",
        "  java -jar kubechat-audit-verify.jar EXPORT PUBLIC-KEY.pem"})
final class AuditExportCommand implements Callable<Integer> {

    enum Format { jsonl, csv, pdf }

    @Mixin
    LedgerOptions ledgerOptions;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl, csv or pdf.")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the export.")
    Path output;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "1", description = "First sequence number (default: ${DEFAULT-VALUE}).")
    long first;

    @Option(names = "--to", paramLabel = "SEQ", description = "Last sequence number (default: the newest record).")
    Long last;

    @Option(names = "--include-results", description = "Include full command results (by default only their digests, which keep the export verifiable).")
    boolean includeResults;

    @Option(names = "--write-public-key", paramLabel = "FILE", description = "Also write the ledger's public key (PEM) here, for the verifier.")
    Path writePublicKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (AuditLedger ledger = ledgerOptions.open()) {
            // Without the signing key only what a stored checkpoint covers can be exported: nothing may be signed.
            long covered = ledgerOptions.maySign() ? ledger.size()
                    : ledger.latestCheckpoint().map(SignedCheckpoint::treeSize).orElse(0L);
            long to = last != null ? last : covered;
            if (to < 1) {
                spec.commandLine().getErr().println("error: nothing to export: the ledger is empty"
                        + (ledgerOptions.maySign() ? "" : " or no signed checkpoint covers it yet (give --signing-key to sign one)"));
                return ExitCodes.NOT_SUCCEEDED;
            }
            if (to > covered) {
                spec.commandLine().getErr().println("error: record " + to + " is not covered by a signed checkpoint yet (the newest covers "
                        + covered + "); export up to --to " + covered + ", or give --signing-key to sign one");
                return ExitCodes.NOT_SUCCEEDED;
            }
            ExportBundle bundle = new AuditExporter(ledger).bundle(first, to, includeResults);
            Path absolute = output.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            // Written beside the target and moved into place, so a failed export never leaves half a file.
            Path partial = Files.createTempFile(absolute.getParent(), ".kubechat-export", ".tmp");
            try (OutputStream out = Files.newOutputStream(partial)) {
                AuditExporter.write(bundle, AuditExporter.Format.valueOf(format.name().toUpperCase(Locale.ROOT)), out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (writePublicKey != null) {
                Files.writeString(writePublicKey, ledgerOptions.verificationKey().toPem(), StandardCharsets.US_ASCII);
            }
            var out = spec.commandLine().getOut();
            out.println("exported records " + bundle.firstSequence() + " to " + bundle.lastSequence() + " (" + format + ") to " + output
                    + ", checkpoint of tree size " + bundle.checkpoint().treeSize() + ", key " + ledgerOptions.verificationKey().keyId());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
