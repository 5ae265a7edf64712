package io.kubechat.audit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.RecordEncoding;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.merkle.InclusionProof;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The export as JSON lines: a header line, one line per record, the checkpoint line and the proof lines,
 * each an object with a {@code type}. The reference format: CSV and PDF exports carry these same objects.
 */
public final class JsonlFormat {

    private JsonlFormat() {
    }

    public static void write(ExportBundle b, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (JsonNode line : lines(b)) {
            w.write(RecordJson.write(line));
            w.write('\n');
        }
        w.flush();
    }

    static List<JsonNode> lines(ExportBundle b) {
        List<JsonNode> lines = new ArrayList<>();
        lines.add(header(b));
        b.records().forEach(r -> lines.add(RecordJson.record(r)));
        lines.add(RecordJson.checkpoint(b.checkpoint()));
        b.proofs().forEach(p -> lines.add(RecordJson.inclusion(p)));
        return lines;
    }

    static ObjectNode header(ExportBundle b) {
        ObjectNode n = RecordJson.MAPPER.createObjectNode();
        n.put("type", "header");
        n.put("format", ExportBundle.FORMAT);
        n.put("version", ExportBundle.VERSION);
        n.put("recordEncoding", RecordEncoding.VERSION);
        n.put("origin", b.origin());
        n.put("firstSequence", b.firstSequence());
        n.put("lastSequence", b.lastSequence());
        n.put("exportedAt", b.exportedAt().toString());
        n.put("resultsIncluded", b.resultsIncluded());
        return n;
    }

    public static ExportBundle read(InputStream in) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
                lines.add(RecordJson.parse(line));
            }
        }
        return fromLines(lines);
    }

    static ExportBundle fromLines(List<JsonNode> lines) {
        JsonNode header = null;
        List<AuditRecord> records = new ArrayList<>();
        SignedCheckpoint checkpoint = null;
        List<InclusionProof> proofs = new ArrayList<>();
        for (JsonNode n : lines) {
            switch (n.path("type").asText()) {
                case "header" -> header = n;
                case "record" -> records.add(RecordJson.readRecord(n));
                case "checkpoint" -> checkpoint = RecordJson.readCheckpoint(n);
                case "inclusion" -> proofs.add(RecordJson.readInclusion(n));
                default -> throw new IllegalArgumentException("unknown line type " + n.path("type"));
            }
        }
        if (header == null || !ExportBundle.FORMAT.equals(header.path("format").asText())) {
            throw new IllegalArgumentException("not a " + ExportBundle.FORMAT + " file");
        }
        if (header.path("version").asInt() != ExportBundle.VERSION) {
            throw new IllegalArgumentException("unsupported export version " + header.path("version"));
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("the export carries no checkpoint");
        }
        return new ExportBundle(RecordJson.required(header, "origin"), header.path("firstSequence").asLong(),
                header.path("lastSequence").asLong(), Instant.parse(RecordJson.required(header, "exportedAt")),
                header.path("resultsIncluded").asBoolean(), records, checkpoint, proofs);
    }
}
