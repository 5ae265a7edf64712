package io.kubechat.audit.export;

import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.TestPostgres;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.cli.VerifyCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports verified offline by the command-line verifier with only the file and the public key. */
class ExportTest {

    @TempDir
    static Path dir;

    private static AuditLedger ledger;
    private static Path publicKey;
    private String output;

    @BeforeAll
    static void fill() throws IOException {
        TestPostgres.Database db = TestPostgres.newDatabase();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("kubechat.io/audit/test").withCheckpointEveryRecords(0).withCheckpointInterval(null));
        for (int i = 1; i <= 30; i++) {
            AuditEvent.Builder e = AuditEvent.builder("command_executed")
                    .actor(new Actor("sarah", List.of("security"), "10.0.0.1", null))
                    .cluster("prod").namespace("shop").kubectl("kubectl get pods -n shop")
                    .requestText(i == 7 ? "" : "show pods, \"quoted\", comma; über 日本 #" + i)
                    .riskLevel("safe").outcome("succeeded").result("NAME READY\ncheckout-1 1/1\n" + i);
            ledger.append(e.build());
            if (i == 20) {
                ledger.checkpoint();
            }
        }
        publicKey = dir.resolve("audit-public.pem");
        Files.writeString(publicKey, ledger.verificationKey().toPem());
    }

    @AfterAll
    static void close() {
        ledger.close();
    }

    @ParameterizedTest
    @EnumSource(AuditExporter.Format.class)
    void anExportVerifiesOfflineWithOnlyThePublicKey(AuditExporter.Format format) throws IOException {
        Path file = export(format, 5, 18, true);

        assertThat(verify(file)).isZero();
        assertThat(output).contains("VALID: records 5 to 18").contains("tree of size 20");
        ExportBundle read = ExportReader.read(file);
        assertThat(read.records()).hasSize(14);
        assertThat(read.records().get(2).event()).isEqualTo(ledger.get(7).orElseThrow().event());
    }

    @Test
    void anExportBeyondTheNewestCheckpointGetsANewOne() throws IOException {
        Path file = export(AuditExporter.Format.JSONL, 21, 30, false);
        assertThat(verify(file)).isZero();
        assertThat(ExportReader.read(file).checkpoint().treeSize()).isEqualTo(30);
        assertThat(ExportReader.read(file).records()).allSatisfy(r -> assertThat(r.event().result()).isNull());
    }

    @Test
    void aChangedRecordInAJsonExportIsNamed() throws IOException {
        Path file = export(AuditExporter.Format.JSONL, 1, 10, true);
        replace(file, "\"sequence\":4,", "\"outcome\":\"succeeded\"", "\"outcome\":\"failed\"");
        assertThat(verify(file)).isEqualTo(1);
        assertThat(output).contains("INVALID at sequence 4");
    }

    @Test
    void aRecordDroppedFromTheMiddleOrTheEndIsNamed() throws IOException {
        Path file = export(AuditExporter.Format.JSONL, 1, 10, true);
        List<String> lines = Files.readAllLines(file);
        lines.remove(6);
        Files.write(file, lines);
        assertThat(verify(file)).isEqualTo(1);
        assertThat(output).contains("INVALID at sequence 6");

        Path tail = export(AuditExporter.Format.JSONL, 1, 10, true);
        List<String> tailLines = Files.readAllLines(tail);
        tailLines.remove(10);
        Files.write(tail, tailLines);
        assertThat(verify(tail)).isEqualTo(1);
        assertThat(output).contains("INVALID at sequence 10");
    }

    @Test
    void aReadableCsvColumnThatDisagreesWithTheSignedDataIsNamed() throws IOException {
        Path file = export(AuditExporter.Format.CSV, 1, 10, true);
        String csv = Files.readString(file);
        int row = csv.indexOf("\nrecord,3,");
        int cell = csv.indexOf(",sarah,", row);
        Files.writeString(file, csv.substring(0, cell) + ",mallory," + csv.substring(cell + ",sarah,".length()));
        assertThat(verify(file)).isEqualTo(1);
        assertThat(output).contains("INVALID at sequence 3").contains("actor.user");
    }

    @Test
    void aForgedCheckpointOrAnotherKeyIsRejected() throws IOException {
        Path file = export(AuditExporter.Format.JSONL, 1, 10, true);
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(otherKey, SigningKey.generate().verificationKey().toPem());
        assertThat(VerifyCommand.run(new String[] {file.toString(), otherKey.toString()}, quiet(), quiet())).isEqualTo(1);

        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"treeSize\":20,\"rootHash\"", "\"treeSize\":19,\"rootHash\""));
        assertThat(verify(file)).isEqualTo(1);
        assertThat(output).contains("signature is invalid");
    }

    @Test
    void unreadableInputIsAUsageError() throws IOException {
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "hello");
        assertThat(verify(junk)).isEqualTo(2);
        assertThat(VerifyCommand.run(new String[] {"only-one-argument"}, quiet(), quiet())).isEqualTo(2);
    }

    private int verify(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyCommand.run(new String[] {file.toString(), publicKey.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static Path export(AuditExporter.Format format, long first, long last, boolean results) throws IOException {
        Path file = Files.createTempFile(dir, "export", "." + format.name().toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            AuditExporter.write(new AuditExporter(ledger).bundle(first, last, results), format, out);
        }
        return file;
    }

    /** Replaces {@code from} with {@code to} on the line that contains {@code marker}. */
    private static void replace(Path file, String marker, String from, String to) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                assertThat(lines.get(i)).contains(from);
                lines.set(i, lines.get(i).replace(from, to));
            }
        }
        Files.write(file, lines);
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
