package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerAppendTest {

    private TestPostgres.Database db;
    private AuditLedger ledger;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        ledger = AuditLedger.open(db.app(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(0).withCheckpointInterval(null));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void appendsFormAChainThatReadsBackExactly() {
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            appended.add(ledger.append(Events.command(i)));
        }

        assertThat(appended).extracting(AuditRecord::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(appended.get(0).previousHash()).isEqualTo(RecordEncoding.GENESIS_HASH);
        for (int i = 1; i < appended.size(); i++) {
            assertThat(appended.get(i).previousHash()).isEqualTo(appended.get(i - 1).hash());
        }
        for (AuditRecord r : appended) {
            AuditRecord stored = ledger.get(r.sequence()).orElseThrow();
            assertThat(stored.event()).isEqualTo(r.event());
            assertThat(stored.recordedAt()).isEqualTo(r.recordedAt());
            assertThat(stored.hash()).isEqualTo(r.hash());
            assertThat(RecordEncoding.expectedHash(stored)).isEqualTo(stored.hash());
        }
        assertThat(ledger.size()).isEqualTo(25);
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void absentEmptyAndNonAsciiValuesSurviveTheRoundTrip() {
        AuditEvent event = AuditEvent.builder("configuration_change")
                .actor(new Actor("zoë", List.of(), null, ""))
                .requestText("")
                .command("{ \"b\": 1,  \"a\": [\"✓\"] }")
                .reason("über 日本 🚀")
                .build();
        AuditRecord r = ledger.append(event);

        AuditRecord stored = ledger.get(r.sequence()).orElseThrow();
        assertThat(stored.event()).isEqualTo(event);
        assertThat(stored.event().actor().sourceIp()).isNull();
        assertThat(stored.event().actor().userAgent()).isEmpty();
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void timeNeverGoesBackwardsAlongTheChainEvenWhenAClockDoes() {
        Instant later = Instant.parse("2026-05-01T10:00:00.000001Z");
        Instant earlier = later.minusSeconds(5);
        Iterator<Instant> readings = List.of(later, earlier, later.plusSeconds(1)).iterator();
        Clock skewed = new Clock() {
            @Override
            public Instant instant() {
                return readings.next();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        try (AuditLedger skewedLedger = AuditLedger.open(db.app(), SigningKey.generate(), LedgerConfig.defaults("test")
                .withCheckpointEveryRecords(0).withCheckpointInterval(null).withClock(skewed))) {
            assertThat(skewedLedger.append(Events.command(1)).recordedAt()).isEqualTo(later);
            assertThat(skewedLedger.append(Events.command(2)).recordedAt()).isEqualTo(later);
            assertThat(skewedLedger.append(Events.command(3)).recordedAt()).isEqualTo(later.plusSeconds(1));
        }
        assertThat(ledger.verify().valid()).isTrue();
    }

    @Test
    void unstorableTextIsRejectedBeforeItReachesTheChain() {
        ledger.append(Events.command(1));
        assertThatThrownBy(() -> ledger.append(AuditEvent.builder("x").requestText("nul\0").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.append(Events.command(2)).sequence()).isEqualTo(2);
        assertThat(ledger.verify().valid()).isTrue();
    }
}
