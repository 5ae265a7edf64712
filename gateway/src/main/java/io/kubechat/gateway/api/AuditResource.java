package io.kubechat.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.export.AuditExporter;
import io.kubechat.audit.export.ExportBundle;
import io.kubechat.audit.query.AuditPage;
import io.kubechat.audit.query.AuditQuery;
import io.kubechat.audit.verify.VerificationResult;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.Role;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.audit.Ledger;
import io.kubechat.gateway.web.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit ledger: auditors and admins see everything; everyone else their own records. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    @Inject
    CurrentUser current;
    @Inject
    Ledger ledger;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Record(long sequence, String recordedAt, String eventType, Dtos.IdentityView actor, String sourceIp,
                        String cluster, String namespace, String sessionRef, String commandRef, String requestText,
                        String command, String kubectl, String risk, String decision, String reason, String outcome,
                        String result, String previousHash, String hash) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Record> items, String nextCursor) {
    }

    public record Checkpoint(long treeSize, String rootHash, String signature, String publicKey, String signedAt, String origin,
                             String keyId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean valid, long verifiedRecords, Long firstBadSequence, String message, Checkpoint checkpoint) {
    }

    @GET
    public Page query(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("eventType") String eventType, @QueryParam("namespace") String namespace, @QueryParam("risk") String risk,
            @QueryParam("outcome") String outcome, @QueryParam("q") String q, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        WebUser user = current.get();
        String effectiveActor = mayReadAll(user) ? blankToNull(actor) : user.kubernetes().user();
        Long before;
        try {
            before = cursor == null || cursor.isBlank() ? null : Long.valueOf(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor must be the nextCursor of a previous page");
        }
        AuditQuery query = new AuditQuery(time(from, "from"), time(to, "to"), effectiveActor, blankToNull(eventType), null,
                blankToNull(namespace), blankToNull(risk), blankToNull(outcome), blankToNull(q), before, limit == null ? 50 : limit);
        AuditPage page = ledger.get().query(query);
        return new Page(page.records().stream().map(AuditResource::record).toList(),
                page.nextBefore() == null ? null : page.nextBefore().toString());
    }

    @GET
    @Path("/{sequence}")
    public Record get(@PathParam("sequence") long sequence) {
        WebUser user = current.get();
        AuditRecord r = ledger.get().get(sequence).orElseThrow(() -> ApiException.notFound("audit record " + sequence));
        if (!mayReadAll(user) && !user.kubernetes().user().equals(r.event().actor().user())) {
            throw ApiException.notFound("audit record " + sequence);
        }
        return record(r);
    }

    @POST
    @Path("/verify")
    public Verification verify() {
        auditor();
        AuditLedger l = ledger.get();
        // Verified first; the checkpoint shown is the operator's newest (the gateway signs nothing), so the answer
        // never carries a signature made over records that were not checked.
        VerificationResult result = l.verify();
        Checkpoint checkpoint = l.latestCheckpoint().map(cp -> checkpoint(cp, l)).orElse(null);
        String message = result.valid()
                ? "all " + result.recordsVerified() + " records are intact and match " + result.checkpointsVerified() + " signed checkpoints"
                : result.problem();
        return new Verification(result.valid(), result.recordsVerified(),
                result.firstBadSequence().isPresent() ? result.firstBadSequence().getAsLong() : null, message, checkpoint);
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv", "application/pdf", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from, @QueryParam("to") String to) {
        auditor();
        AuditExporter.Format f;
        try {
            f = AuditExporter.Format.valueOf((format == null ? "jsonl" : format).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("format must be jsonl, csv or pdf");
        }
        AuditLedger l = ledger.get();
        long[] range = range(l, time(from, "from"), time(to, "to"));
        if (range == null) {
            throw new ApiException(404, "NothingToExport", "no audit records in that time range");
        }
        // Only what a signed checkpoint covers can be exported verifiably; newer records wait for the operator's
        // next checkpoint (at most kubechat.audit checkpoint interval, a minute by default).
        long covered = l.latestCheckpoint().map(SignedCheckpoint::treeSize).orElse(0L);
        if (covered < range[0]) {
            throw new ApiException(409, "NotYetCheckpointed", "the records in that time range are not covered by a signed"
                    + " checkpoint yet; the operator signs one every minute");
        }
        ExportBundle bundle = new AuditExporter(l).bundle(range[0], Math.min(range[1], covered), true);
        StreamingOutput body = out -> AuditExporter.write(bundle, f, out);
        String type = switch (f) {
            case JSONL -> "application/x-ndjson";
            case CSV -> "text/csv";
            case PDF -> "application/pdf";
        };
        String file = "kubechat-audit-" + bundle.firstSequence() + "-" + bundle.lastSequence() + "." + f.name().toLowerCase(Locale.ROOT);
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /** First and last sequence recorded in [from, to), or null when there is none. */
    private static long[] range(AuditLedger l, Instant from, Instant to) {
        try (Connection c = l.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT min(seq), max(seq) FROM audit_record WHERE recorded_at >= ? AND recorded_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(from == null ? Instant.EPOCH : from));
            ps.setTimestamp(2, Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? null : new long[] {first, rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new io.kubechat.audit.AuditUnavailableException("audit range query failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private WebUser auditor() {
        WebUser user = current.get();
        if (!mayReadAll(user)) {
            throw ApiException.forbidden("NotAnAuditor", "verifying and exporting the whole ledger needs the auditor or admin role");
        }
        return user;
    }

    private static boolean mayReadAll(WebUser user) {
        return user.has(Role.AUDITOR);
    }

    static Checkpoint checkpoint(SignedCheckpoint cp, AuditLedger l) {
        return new Checkpoint(cp.treeSize(), HexFormat.of().formatHex(cp.rootHash()), Base64.getEncoder().encodeToString(cp.signature()),
                l.verificationKey().toPem(), cp.timestamp().toString(), cp.origin(), cp.keyId());
    }

    static Record record(AuditRecord r) {
        var e = r.event();
        HexFormat hex = HexFormat.of();
        return new Record(r.sequence(), r.recordedAt().toString(), e.eventType(), new Dtos.IdentityView(e.actor().user(), e.actor().groups()),
                e.actor().sourceIp(), e.cluster(), e.namespace(), e.sessionRef(), e.commandRef(), e.requestText(), e.command(), e.kubectl(),
                e.riskLevel(), e.decision(), e.reason(), e.outcome(), e.result(),
                r.previousHash() == null ? null : hex.formatHex(r.previousHash()), hex.formatHex(r.hash()));
    }

    private static Instant time(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
