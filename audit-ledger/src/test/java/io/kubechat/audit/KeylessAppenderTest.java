package io.kubechat.audit;

import io.kubechat.audit.checkpoint.FileCheckpointPublisher;
import io.kubechat.audit.checkpoint.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's way in: append and verify with the public key only; the operator's checkpoints cover its records. */
class KeylessAppenderTest {

    @TempDir
    Path dir;

    @Test
    void aProcessWithoutTheKeyAppendsAndVerifiesButNeverSigns() {
        TestPostgres.Database db = TestPostgres.newDatabase();
        SigningKey key = SigningKey.generate();
        LedgerConfig config = LedgerConfig.defaults("test").withCheckpointEveryRecords(1).withCheckpointInterval(null);
        FileCheckpointPublisher published = new FileCheckpointPublisher(dir.resolve("published.jsonl"));
        try (AuditLedger signer = AuditLedger.open(db.app(), key, config.withCheckpointEveryRecords(0), published);
             AuditLedger keyless = AuditLedger.openAppendOnly(db.app(), key.verificationKey(), config, published)) {
            signer.append(Events.command(1));
            keyless.append(Events.command(2));
            keyless.append(Events.command(3));

            assertThatThrownBy(keyless::checkpoint).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no audit signing key");
            assertThatThrownBy(keyless::signingKey).isInstanceOf(IllegalStateException.class);
            assertThat(keyless.checkpoints()).isEmpty();

            assertThat(signer.checkpoint().orElseThrow().treeSize()).isEqualTo(3);
            assertThat(keyless.latestCheckpoint().orElseThrow().treeSize()).isEqualTo(3);
            assertThat(keyless.verify().valid()).isTrue();
            assertThat(keyless.verify().checkpointsVerified()).isEqualTo(2);

            // A tail cut below the published checkpoint shows from the keyless side too.
            db.tamper("DELETE FROM audit_record WHERE seq = 3", "DELETE FROM audit_checkpoint");
            assertThat(keyless.verify().valid()).isFalse();
            assertThat(keyless.verify().problem()).contains("truncated");
        }
    }
}
