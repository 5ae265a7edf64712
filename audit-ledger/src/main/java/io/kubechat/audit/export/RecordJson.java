package io.kubechat.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.merkle.InclusionProof;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON shape of records, checkpoints and proofs in exports and published checkpoint files.
 * Written by hand, field by field, because it is a documented interchange format, not an object dump:
 * hashes are base64, times ISO-8601 UTC with microseconds, absent values are JSON null.
 */
public final class RecordJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private RecordJson() {
    }

    public static ObjectNode record(AuditRecord r) {
        AuditEvent e = r.event();
        Actor a = e.actor();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "record");
        n.put("sequence", r.sequence());
        n.put("recordedAt", r.recordedAt().toString());
        n.put("encodingVersion", r.encodingVersion());
        n.put("eventType", e.eventType());
        ObjectNode actor = n.putObject("actor");
        actor.put("user", a.user());
        ArrayNode groups = actor.putArray("groups");
        a.groups().forEach(groups::add);
        actor.put("sourceIp", a.sourceIp());
        actor.put("userAgent", a.userAgent());
        n.put("cluster", e.cluster());
        n.put("namespace", e.namespace());
        n.put("sessionRef", e.sessionRef());
        n.put("commandRef", e.commandRef());
        n.put("requestText", e.requestText());
        n.put("command", e.command());
        n.put("kubectl", e.kubectl());
        n.put("riskLevel", e.riskLevel());
        n.put("decision", e.decision());
        n.put("reason", e.reason());
        n.put("outcome", e.outcome());
        n.put("resultDigest", B64.encodeToString(r.resultDigest()));
        n.put("result", e.result());
        n.put("previousHash", B64.encodeToString(r.previousHash()));
        n.put("hash", B64.encodeToString(r.hash()));
        return n;
    }

    public static AuditRecord readRecord(JsonNode n) {
        JsonNode a = n.path("actor");
        List<String> groups = new ArrayList<>();
        a.path("groups").forEach(g -> groups.add(g.asText()));
        Actor actor = new Actor(text(a, "user"), groups, text(a, "sourceIp"), text(a, "userAgent"));
        AuditEvent e = new AuditEvent(required(n, "eventType"), actor, text(n, "cluster"), text(n, "namespace"),
                text(n, "sessionRef"), text(n, "commandRef"), text(n, "requestText"), text(n, "command"),
                text(n, "kubectl"), text(n, "riskLevel"), text(n, "decision"), text(n, "reason"),
                text(n, "outcome"), text(n, "result"));
        return new AuditRecord(n.path("sequence").asLong(), Instant.parse(required(n, "recordedAt")),
                n.path("encodingVersion").asInt(), e, bytes(n, "resultDigest"), bytes(n, "previousHash"),
                bytes(n, "hash"));
    }

    public static ObjectNode checkpoint(SignedCheckpoint c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "checkpoint");
        n.put("format", SignedCheckpoint.FORMAT);
        n.put("origin", c.origin());
        n.put("treeSize", c.treeSize());
        n.put("rootHash", B64.encodeToString(c.rootHash()));
        n.put("timestamp", c.timestamp().toEpochMilli());
        n.put("keyId", c.keyId());
        n.put("signature", B64.encodeToString(c.signature()));
        return n;
    }

    public static String checkpointLine(SignedCheckpoint c) {
        return write(checkpoint(c));
    }

    public static SignedCheckpoint readCheckpoint(String json) {
        return readCheckpoint(parse(json));
    }

    public static SignedCheckpoint readCheckpoint(JsonNode n) {
        return new SignedCheckpoint(required(n, "origin"), n.path("treeSize").asLong(), bytes(n, "rootHash"),
                Instant.ofEpochMilli(n.path("timestamp").asLong()), text(n, "keyId"), bytes(n, "signature"));
    }

    public static ObjectNode inclusion(InclusionProof p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "inclusion");
        n.put("leafIndex", p.leafIndex());
        n.put("treeSize", p.treeSize());
        ArrayNode path = n.putArray("path");
        p.path().forEach(h -> path.add(B64.encodeToString(h)));
        return n;
    }

    public static InclusionProof readInclusion(JsonNode n) {
        List<byte[]> path = new ArrayList<>();
        n.path("path").forEach(h -> path.add(B64D.decode(h.asText())));
        return new InclusionProof(n.path("leafIndex").asLong(), n.path("treeSize").asLong(), path);
    }

    public static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }

    static byte[] bytes(JsonNode n, String field) {
        return B64D.decode(required(n, field));
    }
}
