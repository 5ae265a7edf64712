package io.kubechat.audit;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordEncodingTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    private static AuditEvent sample() {
        return AuditEvent.builder("command_executed")
                .actor(new Actor("danny", List.of("dev", "shop"), "10.1.2.3", "curl/8"))
                .cluster("prod").namespace("shop").sessionRef("cs-1").commandRef("ce-1")
                .requestText("scale checkout to 3").command("{\"verb\":\"scale\"}")
                .kubectl("kubectl scale deployment/checkout --replicas=3 -n shop")
                .riskLevel("caution").decision("allowed").reason("rbac ok").outcome("succeeded")
                .result("scaled").build();
    }

    /**
     * Pins version 1 of the encoding to the bytes documented in README.md. If this fails, the change breaks
     * every existing ledger: add a version 2 instead.
     */
    @Test
    void versionOneEncodingIsStable() {
        byte[] digest = RecordEncoding.resultDigest("scaled");
        byte[] encoded = RecordEncoding.encode(7, AT, sample(), digest, RecordEncoding.GENESIS_HASH);

        assertThat(Hex.toHexString(encoded)).startsWith(
                Hex.toHexString("kubechat-audit-record".getBytes()) + "0001" + "0000000000000007"
                        + String.format("%016x", AT.getEpochSecond() * 1_000_000 + 123_456)
                        + "00000010" + Hex.toHexString("command_executed".getBytes())
                        + "01" + "00000005" + Hex.toHexString("danny".getBytes())
                        + "00000002" + "00000003" + Hex.toHexString("dev".getBytes()));
        assertThat(Hex.toHexString(RecordEncoding.hash(7, AT, sample(), digest, RecordEncoding.GENESIS_HASH)))
                .isEqualTo(Hex.toHexString(Sha256.of(encoded)));
    }

    @Test
    void absentAndEmptyTextHashDifferently() {
        AuditEvent absent = AuditEvent.builder("approval").build();
        AuditEvent empty = AuditEvent.builder("approval").reason("").build();
        byte[] digest = RecordEncoding.resultDigest(null);
        assertThat(RecordEncoding.hash(1, AT, absent, digest, RecordEncoding.GENESIS_HASH))
                .isNotEqualTo(RecordEncoding.hash(1, AT, empty, digest, RecordEncoding.GENESIS_HASH));
        assertThat(RecordEncoding.resultDigest(null)).isNotEqualTo(RecordEncoding.resultDigest(""));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        AuditEvent a = AuditEvent.builder("x").cluster("ab").namespace("c").build();
        AuditEvent b = AuditEvent.builder("x").cluster("a").namespace("bc").build();
        byte[] digest = RecordEncoding.resultDigest(null);
        assertThat(RecordEncoding.hash(1, AT, a, digest, RecordEncoding.GENESIS_HASH))
                .isNotEqualTo(RecordEncoding.hash(1, AT, b, digest, RecordEncoding.GENESIS_HASH));
    }

    @Test
    void textPostgresCannotStoreFaithfullyIsRejected() {
        assertThatThrownBy(() -> RecordEncoding.requireStorable(AuditEvent.builder("x").requestText("a\0b").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> RecordEncoding.requireStorable(AuditEvent.builder("x").result("\uD800").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unicode");
    }
}
