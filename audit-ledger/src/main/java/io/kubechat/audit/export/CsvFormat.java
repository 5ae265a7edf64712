package io.kubechat.audit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.kubechat.audit.AuditRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export as CSV for spreadsheets: one readable row per record, plus rows for the header, checkpoint and
 * proofs. CSV cannot tell an absent value from an empty one, which the hash does, so every row also carries
 * its exact JSON line in the last column; the reader verifies from that and rejects a row whose readable
 * columns disagree with it, so what a person reads is what was verified. A readable cell that a spreadsheet would
 * take for a formula (it starts with =, +, -, @, a tab or a carriage return; sign-in attempts put attacker-chosen
 * text in the ledger) is written with a leading apostrophe, which spreadsheets show as text; the JSON column is
 * exact.
 */
public final class CsvFormat {

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final String[] RECORD_COLUMNS = {"sequence", "recordedAt", "eventType", "actor.user",
            "actor.groups", "actor.sourceIp", "actor.userAgent", "cluster", "namespace", "sessionRef", "commandRef",
            "requestText", "command", "kubectl", "riskLevel", "decision", "reason", "outcome", "result",
            "resultDigest", "previousHash", "hash"};
    private static final CsvSchema SCHEMA = schema();

    private CsvFormat() {
    }

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder().addColumn("kind");
        for (String c : RECORD_COLUMNS) {
            b.addColumn(c);
        }
        return b.addColumn("json").build().withHeader();
    }

    public static void write(ExportBundle bundle, OutputStream out) throws IOException {
        try (SequenceWriter w = MAPPER.writerFor(Map.class).with(SCHEMA).writeValues(out)) {
            for (JsonNode line : JsonlFormat.lines(bundle)) {
                Map<String, String> row = new LinkedHashMap<>();
                String kind = line.path("type").asText();
                row.put("kind", kind);
                if (kind.equals("record")) {
                    for (String c : RECORD_COLUMNS) {
                        row.put(c, asText(readable(line, c)));
                    }
                }
                row.put("json", RecordJson.write(line));
                w.write(row);
            }
        }
    }

    public static ExportBundle read(InputStream in) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = MAPPER.readerFor(Map.class).with(SCHEMA).readValues(in)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                JsonNode line = RecordJson.parse(row.get("json"));
                if ("record".equals(row.get("kind"))) {
                    for (String c : RECORD_COLUMNS) {
                        if (!asText(readable(line, c)).equals(row.getOrDefault(c, ""))) {
                            AuditRecord r = RecordJson.readRecord(line);
                            throw new TamperedExportException(r.sequence(), "column " + c + " of record "
                                    + r.sequence() + " differs from the record's signed data");
                        }
                    }
                }
                lines.add(line);
            }
        }
        return JsonlFormat.fromLines(lines);
    }

    /** The cell as a spreadsheet must show it: as text, never as a formula. */
    static String asText(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static String readable(JsonNode record, String column) {
        JsonNode v = record;
        for (String part : column.split("\\.")) {
            v = v.path(part);
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return String.join(";", items);
        }
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }
}
