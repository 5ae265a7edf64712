package io.kubechat.audit.checkpoint;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The ledger's Ed25519 private key. Stored as a PKCS#8 PEM file ({@code openssl pkey} reads it); in Kubernetes
 * that file is a mounted Secret key.
 */
public final class SigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final VerificationKey verificationKey;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.verificationKey = new VerificationKey(privateKey.generatePublicKey());
    }

    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** From the raw 32-byte Ed25519 private key (RFC 8032 seed). */
    public static SigningKey fromSeed(byte[] seed) {
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public static SigningKey fromPem(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !"PRIVATE KEY".equals(object.getType())) {
                throw new IllegalArgumentException("expected a PEM PRIVATE KEY (PKCS#8)");
            }
            if (!(PrivateKeyFactory.createKey(object.getContent()) instanceof Ed25519PrivateKeyParameters key)) {
                throw new IllegalArgumentException("the private key is not an Ed25519 key");
            }
            return new SigningKey(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable private key", e);
        }
    }

    /** Loads the key, or on first start generates one and writes it (owner-readable only) atomically. */
    public static SigningKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            }
            SigningKey key = generate();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".audit-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException nonPosix) {
                // Windows: the directory's ACL is all we have.
            }
            Files.writeString(tmp, key.toPem(), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the audit signing key " + file, e);
        }
    }

    public String toPem() {
        try {
            PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("PRIVATE KEY", info.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public SignedCheckpoint signCheckpoint(String origin, long treeSize, byte[] rootHash, Instant timestamp) {
        byte[] text = SignedCheckpoint.signedText(origin, treeSize, rootHash, timestamp)
                .getBytes(StandardCharsets.UTF_8);
        return new SignedCheckpoint(origin, treeSize, rootHash.clone(), timestamp, verificationKey.keyId(),
                sign(text));
    }
}
