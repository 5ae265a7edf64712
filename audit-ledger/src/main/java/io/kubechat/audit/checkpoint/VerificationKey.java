package io.kubechat.audit.checkpoint;

import io.kubechat.audit.Sha256;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.encoders.Hex;
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
import java.util.Arrays;

/** The ledger's Ed25519 public key: what an auditor holds. Exported as an X.509 SubjectPublicKeyInfo PEM. */
public final class VerificationKey {

    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    VerificationKey(Ed25519PublicKeyParameters publicKey) {
        this.publicKey = publicKey;
        // Short fingerprint for humans and for telling keys apart; verification never trusts it.
        this.keyId = Hex.toHexString(Arrays.copyOf(Sha256.of(publicKey.getEncoded()), 8));
    }

    public static VerificationKey fromPem(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !"PUBLIC KEY".equals(object.getType())) {
                throw new IllegalArgumentException("expected a PEM PUBLIC KEY");
            }
            if (!(PublicKeyFactory.createKey(object.getContent()) instanceof Ed25519PublicKeyParameters key)) {
                throw new IllegalArgumentException("the public key is not an Ed25519 key");
            }
            return new VerificationKey(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable public key", e);
        }
    }

    public static VerificationKey read(Path file) throws IOException {
        return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public String toPem() {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("PUBLIC KEY", info.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] raw() {
        return publicKey.getEncoded();
    }

    public String keyId() {
        return keyId;
    }

    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public boolean verify(SignedCheckpoint checkpoint) {
        return verify(checkpoint.signedBytes(), checkpoint.signature());
    }
}
