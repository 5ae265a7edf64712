package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.query.AuditPage;
import io.kubechat.audit.query.AuditQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final int RECORDS = 60;

    private static AuditLedger ledger;
    private static final List<AuditEvent> EVENTS = new ArrayList<>();

    @BeforeAll
    static void fill() {
        TestPostgres.Database db = TestPostgres.newDatabase();
        // One record per minute, so time ranges select known records.
        MinuteClock clock = new MinuteClock();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(), LedgerConfig.defaults("test")
                .withCheckpointEveryRecords(0).withCheckpointInterval(null).withClock(clock));
        for (int i = 1; i <= RECORDS; i++) {
            AuditEvent e = Events.command(i);
            EVENTS.add(e);
            ledger.append(e);
        }
    }

    @AfterAll
    static void close() {
        ledger.close();
    }

    @Test
    void eachFilterSelectsExactlyTheMatchingRecordsNewestFirst() {
        assertMatches(AuditQuery.latest(100).actor("danny2"), e -> e.actor().user().equals("danny2"));
        assertMatches(AuditQuery.latest(100).eventType("command_executed"), e -> e.eventType().equals("command_executed"));
        assertMatches(AuditQuery.latest(100).cluster("prod"), e -> e.cluster().equals("prod"));
        assertMatches(AuditQuery.latest(100).namespace("shop-3"), e -> e.namespace().equals("shop-3"));
        assertMatches(AuditQuery.latest(100).riskLevel("destructive"), e -> e.riskLevel().equals("destructive"));
        assertMatches(AuditQuery.latest(100).outcome("failed"), e -> e.outcome().equals("failed"));
        assertMatches(AuditQuery.latest(100).text("replicas=7"), e -> e.kubectl().contains("--replicas=7 "));
        assertMatches(AuditQuery.latest(100).cluster("prod").riskLevel("destructive").outcome("failed"),
                e -> e.cluster().equals("prod") && e.riskLevel().equals("destructive") && e.outcome().equals("failed"));
    }

    @Test
    void aTimeRangeIsInclusiveAtTheStartAndExclusiveAtTheEnd() {
        // Record n was stamped at START + n minutes.
        AuditPage page = ledger.query(AuditQuery.latest(100).between(START.plusSeconds(10 * 60), START.plusSeconds(20 * 60)));
        assertThat(page.records()).extracting(AuditRecord::sequence)
                .containsExactlyElementsOf(IntStream.iterate(19, s -> s >= 10, s -> s - 1).mapToObj(Long::valueOf).toList());
    }

    @Test
    void keysetPagesWalkTheWholeResultOnceWithoutOverlap() {
        List<Long> seen = new ArrayList<>();
        AuditQuery q = AuditQuery.latest(7).cluster("staging");
        AuditPage page = ledger.query(q);
        seen.addAll(page.records().stream().map(AuditRecord::sequence).toList());
        while (page.nextBefore() != null) {
            page = ledger.query(q.before(page.nextBefore()));
            seen.addAll(page.records().stream().map(AuditRecord::sequence).toList());
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.iterate(RECORDS - 1, s -> s >= 1, s -> s - 2)
                .mapToObj(Long::valueOf).toList());
    }

    private static void assertMatches(AuditQuery query, Predicate<AuditEvent> matches) {
        List<Long> expected = new ArrayList<>();
        for (int i = EVENTS.size(); i >= 1; i--) {
            if (matches.test(EVENTS.get(i - 1))) {
                expected.add((long) i);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(ledger.query(query).records()).extracting(AuditRecord::sequence).containsExactlyElementsOf(expected);
    }

    /** Advances one minute per reading; the writer reads it once per record. */
    private static final class MinuteClock extends Clock {
        private int ticks;

        @Override
        public synchronized Instant instant() {
            return START.plusSeconds(60L * ++ticks);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
