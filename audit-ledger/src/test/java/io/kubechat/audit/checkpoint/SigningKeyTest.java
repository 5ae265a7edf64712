package io.kubechat.audit.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheKeyOnFirstStartAndLoadsTheSameKeyAfterwards() throws Exception {
        Path file = dir.resolve("secret/audit-signing-key.pem");
        SigningKey first = SigningKey.loadOrGenerate(file);
        SigningKey again = SigningKey.loadOrGenerate(file);

        assertThat(again.verificationKey().raw()).isEqualTo(first.verificationKey().raw());
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theExportedPublicKeyVerifiesCheckpointsAndRejectsAnyChange() {
        SigningKey key = SigningKey.generate();
        VerificationKey exported = VerificationKey.fromPem(key.verificationKey().toPem());
        SignedCheckpoint cp = key.signCheckpoint("kubechat.io/audit/test", 42, new byte[32], Instant.ofEpochMilli(1000));

        assertThat(exported.verify(cp)).isTrue();
        assertThat(exported.keyId()).isEqualTo(cp.keyId());
        assertThat(exported.verify(new SignedCheckpoint(cp.origin(), 43, cp.rootHash(), cp.timestamp(), cp.keyId(),
                cp.signature()))).isFalse();
        byte[] otherRoot = new byte[32];
        otherRoot[31] = 1;
        assertThat(exported.verify(new SignedCheckpoint(cp.origin(), 42, otherRoot, cp.timestamp(), cp.keyId(),
                cp.signature()))).isFalse();
        byte[] signature = cp.signature().clone();
        signature[10] ^= 1;
        assertThat(exported.verify(new SignedCheckpoint(cp.origin(), 42, cp.rootHash(), cp.timestamp(), cp.keyId(),
                signature))).isFalse();
        assertThat(SigningKey.generate().verificationKey().verify(cp)).isFalse();
    }

    @Test
    void suppliedSeedBytesGiveADeterministicKey() {
        byte[] seed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        SigningKey a = SigningKey.fromSeed(seed);
        SigningKey b = SigningKey.fromPem(a.toPem());
        assertThat(b.verificationKey().raw()).isEqualTo(a.verificationKey().raw());
        assertThat(b.sign(new byte[] {1, 2, 3})).isEqualTo(a.sign(new byte[] {1, 2, 3}));
    }
}
