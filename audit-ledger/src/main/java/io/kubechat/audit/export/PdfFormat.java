package io.kubechat.audit.export;

import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The export as a PDF for people: a cover page and one line per record. The verifiable content travels inside
 * as an embedded file, the JSON lines export; the command-line verifier checks that attachment, and that the
 * visible pages' text is exactly the rendering of it (non-Latin characters shown as '?'), so pages edited to say
 * something else make the export invalid. What a reader sees beyond the text (fonts, overlaid images or
 * annotations) is not checked: the attachment is the evidence.
 */
public final class PdfFormat {

    public static final String ATTACHMENT = "audit-export.jsonl";
    private static final float MARGIN = 40;
    private static final float LEADING = 11;
    private static final int MAX_CHARS = 130;

    private PdfFormat() {
    }

    public static void write(ExportBundle b, OutputStream out) throws IOException {
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        JsonlFormat.write(b, jsonl);
        try (PDDocument doc = new PDDocument()) {
            writePages(doc, lines(b));
            attach(doc, jsonl.toByteArray());
            doc.save(out);
        }
    }

    public static ExportBundle read(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null || names.getEmbeddedFiles().getNames() == null) {
                throw new IllegalArgumentException("the PDF carries no embedded audit export");
            }
            PDComplexFileSpecification spec = names.getEmbeddedFiles().getNames().get(ATTACHMENT);
            if (spec == null || spec.getEmbeddedFile() == null) {
                throw new IllegalArgumentException("the PDF carries no " + ATTACHMENT);
            }
            ExportBundle bundle = JsonlFormat.read(new ByteArrayInputStream(spec.getEmbeddedFile().toByteArray()));
            checkPages(doc, bundle);
            return bundle;
        }
    }

    /** The pages' text must be the rendering of the attachment, line for line (whitespace aside). */
    private static void checkPages(PDDocument doc, ExportBundle bundle) throws IOException {
        List<String> expected = lines(bundle).stream().map(l -> normalized(printable(l))).filter(l -> !l.isEmpty())
                .toList();
        List<String> shown = new PDFTextStripper().getText(doc).lines().map(PdfFormat::normalized)
                .filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i < Math.max(expected.size(), shown.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < shown.size() ? shown.get(i) : "(nothing)";
            if (!want.equals(got)) {
                throw new TamperedExportException(bundle.firstSequence(), "the PDF's pages differ from its verifiable"
                        + " attachment " + ATTACHMENT + " at text line " + (i + 1) + ": the pages show \"" + got
                        + "\" where the attachment renders \"" + want + "\"");
            }
        }
    }

    private static String normalized(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static List<String> lines(ExportBundle b) {
        SignedCheckpoint cp = b.checkpoint();
        List<String> lines = new ArrayList<>(List.of(
                "KubeChat audit export",
                "",
                "Log: " + b.origin(),
                "Records: " + b.firstSequence() + " to " + b.lastSequence() + " (" + b.records().size() + ")"
                        + (b.resultsIncluded() ? "" : ", results omitted (digests kept)"),
                "Exported at: " + b.exportedAt(),
                "Signed checkpoint: tree size " + cp.treeSize() + ", root " + hex(cp.rootHash())
                        + ", key " + cp.keyId() + ", at " + cp.timestamp(),
                "",
                "Verify: java -jar kubechat-audit-verify.jar <this file> <public-key.pem>",
                "The verifiable data is the attached file " + ATTACHMENT + "; the verifier also checks that the text"
                        + " of these pages renders it.",
                "",
                "seq | time | actor | event | cluster/namespace | risk | decision | outcome | kubectl | hash"));
        for (AuditRecord r : b.records()) {
            var e = r.event();
            String line = r.sequence() + " | " + r.recordedAt() + " | " + e.actor().user() + " | " + e.eventType()
                    + " | " + e.cluster() + "/" + e.namespace() + " | " + e.riskLevel() + " | " + e.decision()
                    + " | " + e.outcome() + " | " + e.kubectl() + " | " + Base64.getEncoder().encodeToString(r.hash());
            for (int i = 0; i < line.length(); i += MAX_CHARS) {
                lines.add((i == 0 ? "" : "    ") + line.substring(i, Math.min(line.length(), i + MAX_CHARS)));
            }
        }
        return lines;
    }

    private static void writePages(PDDocument doc, List<String> lines) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.COURIER);
        PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        int perPage = (int) ((size.getHeight() - 2 * MARGIN) / LEADING);
        for (int start = 0; start < lines.size(); start += perPage) {
            PDPage page = new PDPage(size);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(font, 7.5f);
                content.setLeading(LEADING);
                content.newLineAtOffset(MARGIN, size.getHeight() - MARGIN);
                for (String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
                    content.showText(printable(line));
                    content.newLine();
                }
                content.endText();
            }
        }
    }

    private static void attach(PDDocument doc, byte[] jsonl) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(jsonl));
        file.setSubtype("application/jsonl");
        file.setSize(jsonl.length);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(ATTACHMENT);
        spec.setFileUnicode(ATTACHMENT);
        spec.setEmbeddedFile(file);
        spec.setFileDescription("Verifiable KubeChat audit export (JSON lines)");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(ATTACHMENT, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
    }

    /** The standard Courier font encodes only WinAnsi; anything else would make PDFBox throw. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
