package io.kubechat.bench.audit;

import io.kubechat.audit.AuditEvent;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.LedgerSchema;
import io.kubechat.audit.RecordEncoding;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.query.AuditQuery;
import io.kubechat.audit.verify.VerificationResult;
import io.kubechat.bench.ProcessCpu;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The audit ledger benchmark, all against one embedded PostgreSQL (synchronous_commit on) in one run:
 * plain single-row inserts of equally sized rows (the baseline), ledger appends with 1 and 8 writers,
 * then verification of a ledger of a million records and filtered query pages over it.
 * Run: {@code java -cp bench/target/benchmarks.jar io.kubechat.bench.audit.AuditLedgerBench}
 * ({@code -Dkubechat.bench.audit.records=N} changes the size of the verified ledger, {@code -Dkubechat.bench.audit.runs=N}
 * how often appends, verification and queries are measured in the one run; the setup is shared).
 */
public final class AuditLedgerBench {

    private static final int LOAD_BATCH = 50_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 12;
    private static final Duration ROUND_SLICE = Duration.ofSeconds(2);

    private AuditLedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("kubechat.bench.audit.records", 1_000_000);
        int runs = Integer.getInteger("kubechat.bench.audit.runs", 3);
        Path work = Files.createTempDirectory("kubechat-audit-bench");
        Path keyFile = work.resolve("audit-signing-key.pem");
        SigningKey key = SigningKey.loadOrGenerate(keyFile);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            DataSource admin = pg.getPostgresDatabase();
            sql(admin, "CREATE ROLE audit_owner LOGIN CREATEROLE",
                    "CREATE ROLE " + LedgerSchema.DEFAULT_APP_ROLE + " NOLOGIN",
                    "CREATE ROLE audit_app LOGIN IN ROLE " + LedgerSchema.DEFAULT_APP_ROLE,
                    "CREATE DATABASE ledger_append OWNER audit_owner",
                    "CREATE DATABASE ledger_verify OWNER audit_owner");
            LedgerSchema.of(pg.getDatabase("audit_owner", "ledger_append")).migrate();
            // Versions 3 and 4 build the query indexes: built once after the bulk load, as an upgrade would.
            LedgerSchema.of(pg.getDatabase("audit_owner", "ledger_verify")).migrateTo(2);
            sql(pg.getDatabase("audit_owner", "ledger_append"),
                    "CREATE TABLE bench_plain (LIKE audit_record INCLUDING DEFAULTS)",
                    "ALTER TABLE bench_plain ADD PRIMARY KEY (seq)",
                    "GRANT INSERT ON bench_plain TO " + LedgerSchema.DEFAULT_APP_ROLE);

            CpuMeter cpu = new CpuMeter(pg.getPort());
            List<String> summary = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                ProcessCpu.Sample appendStart = cpu.sample();
                AuditAppendBench.Rates rates = new AuditAppendBench(pg.getDatabase("audit_app", "ledger_append"), key)
                        .run(WARMUP_ROUNDS, ROUNDS, ROUND_SLICE);
                summary.add("  run " + run + ": appends and inserts, " + ROUNDS + " measured rounds of "
                        + ROUND_SLICE.toSeconds() + " s per kind, interleaved");
                summary.add("      " + cpu.since(appendStart));
                double plain = rates.perSecond().get(AuditAppendBench.Kind.PLAIN_1);
                for (AuditAppendBench.Kind kind : AuditAppendBench.Kind.values()) {
                    double rate = rates.perSecond().get(kind);
                    summary.add(line(kind.label, rate, kind.name().startsWith("LEDGER") ? ratio(rate, plain) : ""));
                }
                summary.add(String.format(Locale.ROOT, "  %-44s %s", "ratio per round, 1 writer (min median max)",
                        spread(rates.roundRatios1())));
                summary.add(String.format(Locale.ROOT, "  %-44s %s", "ratio per round, 8 writers (min median max)",
                        spread(rates.roundRatios8())));
            }

            try (AuditLedger appended = AuditLedger.open(pg.getDatabase("audit_app", "ledger_append"), key,
                    LedgerConfig.defaults("kubechat.io/audit/bench").withCheckpointEveryRecords(0)
                            .withCheckpointInterval(null).withSearchIndexInterval(null))) {
                long indexStart = System.nanoTime();
                int indexed = appended.indexForSearch();
                double s = seconds(indexStart);
                summary.add(String.format(Locale.ROOT, "  %-44s %10.0f /s  (%d records appended above, %.1f s)",
                        "deferred free-text indexing, in bulk", indexed / s, indexed, s));
            }

            DataSource verifyOwner = pg.getDatabase("postgres", "ledger_verify");
            long loadStart = System.nanoTime();
            load(verifyOwner, records);
            summary.add(String.format(Locale.ROOT, "  %-44s %10.1f s", "bulk load of " + records + " chained records (COPY)",
                    seconds(loadStart)));
            long indexStart = System.nanoTime();
            LedgerSchema.of(pg.getDatabase("audit_owner", "ledger_verify")).migrate();
            sql(verifyOwner, "ANALYZE audit_record", "ANALYZE audit_search");
            summary.add(String.format(Locale.ROOT, "  %-44s %10.1f s", "query indexes built (migrations V3, V4)",
                    seconds(indexStart)));

            try (AuditLedger ledger = AuditLedger.open(pg.getDatabase("audit_app", "ledger_verify"), key,
                    LedgerConfig.defaults("kubechat.io/audit/bench").withCheckpointEveryRecords(0).withCheckpointInterval(null))) {
                long signStart = System.nanoTime();
                ledger.checkpoint().orElseThrow();
                summary.add(String.format(Locale.ROOT, "  %-44s %10.2f s", "first checkpoint (verify + Merkle + sign)",
                        seconds(signStart)));
                for (int run = 1; run <= runs; run++) {
                    ProcessCpu.Sample start = cpu.sample();
                    VerificationResult result = ledger.verify();
                    summary.add(String.format(Locale.ROOT, "  %-44s %10.2f s  (%s)",
                            "verification of " + result.recordsVerified() + " records, run " + run,
                            (System.nanoTime() - start.nanos()) / 1e9, result));
                    summary.add("      " + cpu.since(start));
                }
                for (int run = 1; run <= runs; run++) {
                    summary.add("  queries, run " + run);
                    queries(ledger, summary);
                }
            }
            System.out.println();
            System.out.println("== Audit ledger summary (" + settings(admin) + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs, load average at the end " + ProcessCpu.loadAverage() + ")");
            summary.forEach(System.out::println);
        }
    }

    /** Filtered pages as the audit browser asks for them; each query once to warm up, then timed. */
    private static void queries(AuditLedger ledger, List<String> summary) {
        Instant now = Instant.now();
        Map<String, AuditQuery> queries = Map.of(
                "namespace + risk", AuditQuery.latest(50).namespace("namespace-7").riskLevel("destructive"),
                "actor", AuditQuery.latest(50).actor("user-13"),
                "cluster + outcome", AuditQuery.latest(50).cluster("cluster-2").outcome("failed"),
                "free text", AuditQuery.latest(50).text("namespace-31"),
                "time range (one day, 10 days ago)", AuditQuery.latest(50).between(now.minus(Duration.ofDays(11)),
                        now.minus(Duration.ofDays(10))),
                "event type, 20th page", AuditQuery.latest(50).eventType("command_executed"));
        queries.forEach((name, query) -> {
            Supplier<Integer> run = () -> {
                AuditQuery q = query;
                int pages = name.contains("20th") ? 20 : 1;
                int found = 0;
                for (int p = 0; p < pages; p++) {
                    var page = ledger.query(q);
                    found = page.records().size();
                    q = q.before(page.nextBefore());
                }
                return found;
            };
            run.get();
            long start = System.nanoTime();
            int found = run.get();
            double ms = (System.nanoTime() - start) / 1e6 / (name.contains("20th") ? 20 : 1);
            summary.add(String.format(Locale.ROOT, "  %-44s %10.1f ms per page (%d rows)", "query: " + name, ms, found));
        });
    }

    /**
     * Writes a genuine chain (the ledger's own encoding and hashes) with COPY, triggers off: appending a million
     * records one by one would measure appends again and take minutes.
     */
    private static void load(DataSource superuser, long records) throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] prev = RecordEncoding.GENESIS_HASH;
        Instant start = Instant.now().minus(Duration.ofDays(30));
        long stepMicros = Duration.ofDays(30).toNanos() / 1000 / records;
        try (Connection c = superuser.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (long seq = 1; seq <= records; seq++) {
                AuditEvent e = BenchRecords.event(seq);
                Instant at = RecordEncoding.truncate(start.plusNanos(seq * stepMicros * 1000));
                byte[] digest = RecordEncoding.resultDigest(e.result());
                byte[] hash = RecordEncoding.hash(seq, at, e, digest, prev);
                var a = e.actor();
                rows.append(seq).append('\t').append(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).append("\t1\t")
                        .append(e.eventType()).append('\t').append(a.user()).append("\t{")
                        .append(String.join(",", a.groups())).append("}\t").append(a.sourceIp()).append('\t')
                        .append(a.userAgent()).append('\t').append(e.cluster()).append('\t').append(e.namespace())
                        .append('\t').append(e.sessionRef()).append('\t').append(e.commandRef()).append('\t')
                        .append(e.requestText()).append('\t').append(e.command()).append('\t').append(e.kubectl())
                        .append('\t').append(e.riskLevel()).append('\t').append(e.decision()).append('\t')
                        .append(e.reason()).append('\t').append(e.outcome()).append("\t\\\\x").append(hex.formatHex(digest))
                        .append('\t').append(e.result()).append("\t\\\\x").append(hex.formatHex(prev))
                        .append("\t\\\\x").append(hex.formatHex(hash)).append('\n');
                prev = hash;
                if (seq % LOAD_BATCH == 0 || seq == records) {
                    copy.copyIn("COPY audit_record FROM STDIN", new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
        }
    }

    /** The server's own word on what a commit costs, printed with the numbers it explains. */
    private static String settings(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT 'PostgreSQL ' || current_setting('server_version')"
                     + " || ', synchronous_commit=' || current_setting('synchronous_commit')"
                     + " || ', fsync=' || current_setting('fsync')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sql(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    private static String line(String what, double perSecond, String ratio) {
        return String.format(Locale.ROOT, "  %-44s %10.0f /s %s", what, perSecond, ratio);
    }

    private static String ratio(double value, double baseline) {
        return String.format(Locale.ROOT, " ratio to baseline %.2f", value / baseline);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
