package io.kubechat.audit.export;

import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.TestPostgres;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.cli.VerifyCommand;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review L-3: an auditor reads the pages of a PDF export, the verifier checks its attachment. The attacker keeps
 * the genuine attachment and rewrites what the pages say (an "approved" becomes "rejected"): the verifier must
 * call the export invalid.
 */
class PdfPagesAttackIT {

    @TempDir
    Path dir;

    @Test
    void pagesEditedAroundAGenuineAttachmentAreRejected() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        Path pdf = dir.resolve("export.pdf");
        Path key = dir.resolve("public.pem");
        try (AuditLedger ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(0).withCheckpointInterval(null))) {
            for (int i = 1; i <= 3; i++) {
                ledger.append(AuditEvent.builder("approval").decision("approved").kubectl("kubectl delete pod/p" + i).build());
            }
            try (OutputStream out = Files.newOutputStream(pdf)) {
                AuditExporter.write(new AuditExporter(ledger).bundle(1, 3, true), AuditExporter.Format.PDF, out);
            }
            Files.writeString(key, ledger.verificationKey().toPem());
        }
        assertThat(run(pdf, key)).as(output).isZero();

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String genuine = new PDFTextStripper().getText(doc);
            PDPage page = doc.getPage(0);
            try (PDPageContentStream content = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE,
                    false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.COURIER), 7.5f);
                content.setLeading(11);
                content.newLineAtOffset(40, page.getMediaBox().getHeight() - 40);
                for (String line : genuine.replace("approved", "rejected").split("\\R")) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            doc.save(pdf.toFile());
        }
        assertThat(run(pdf, key)).as(output).isEqualTo(1);
        assertThat(output).contains("INVALID").contains("pages differ");
    }

    private String output;

    private int run(Path pdf, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = VerifyCommand.run(new String[] {pdf.toString(), key.toString()}, print, print);
        output = out.toString(StandardCharsets.UTF_8);
        return code;
    }
}
