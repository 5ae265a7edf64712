package io.kubechat.kubectl;

import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.LedgerConfig;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.checkpoint.VerificationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * How to reach the ledger the operator writes: its PostgreSQL, and its public key (enough to verify, and
 * to export what signed checkpoints already cover) or its signing key (an export may then sign a checkpoint
 * over the newest records, as the operator would).
 */
final class LedgerOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL", required = true, defaultValue = "${env:KUBECHAT_AUDIT_JDBC_URL}",
            description = "JDBC URL of the audit database, e.g. jdbc:postgresql://localhost:5432/kubechat (env KUBECHAT_AUDIT_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:KUBECHAT_AUDIT_DB_USER}",
            description = "Database user (env KUBECHAT_AUDIT_DB_USER).")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:KUBECHAT_AUDIT_DB_PASSWORD_FILE}",
            description = "File holding the database password (env KUBECHAT_AUDIT_DB_PASSWORD_FILE); also read: env KUBECHAT_AUDIT_DB_PASSWORD.")
    Path passwordFile;

    @Option(names = "--public-key", paramLabel = "FILE", defaultValue = "${env:KUBECHAT_AUDIT_PUBLIC_KEY_FILE}",
            description = "The ledger's Ed25519 public key, PEM (env KUBECHAT_AUDIT_PUBLIC_KEY_FILE): what an auditor holds.")
    Path publicKey;

    @Option(names = "--signing-key", paramLabel = "FILE", defaultValue = "${env:KUBECHAT_AUDIT_SIGNING_KEY_FILE}",
            description = "Instead of --public-key: the ledger's signing key, PKCS#8 PEM, as mounted in the operator "
                    + "(env KUBECHAT_AUDIT_SIGNING_KEY_FILE).")
    Path signingKey;

    @Option(names = "--origin", paramLabel = "NAME", defaultValue = "kubechat.io/audit",
            description = "The log's name, as the operator's kubechat.audit.origin (default: ${DEFAULT-VALUE}).")
    String origin;

    /** Whether this ledger may sign checkpoints: only with the signing key. */
    boolean maySign() {
        return signingKey != null;
    }

    VerificationKey verificationKey() {
        if (signingKey != null) {
            return readSigningKey().verificationKey();
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("give --public-key (or --signing-key): the key that verifies the ledger's checkpoints");
        }
        try {
            return VerificationKey.read(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + publicKey, e);
        }
    }

    /**
     * The ledger, without background checkpoints or indexing: a short-lived reader. Without the signing key it is
     * opened append-only with the public key, so it verifies with that key and can never sign.
     */
    AuditLedger open() {
        verificationKey();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        if (user != null) {
            dataSource.setUser(user);
        }
        String password = password();
        if (password != null) {
            dataSource.setPassword(password);
        }
        LedgerConfig config = LedgerConfig.defaults(origin).withCheckpointEveryRecords(0).withCheckpointInterval(null)
                .withSearchIndexInterval(null);
        return maySign() ? AuditLedger.open(dataSource, readSigningKey(), config)
                : AuditLedger.openAppendOnly(dataSource, verificationKey(), config);
    }

    private SigningKey readSigningKey() {
        try {
            return SigningKey.fromPem(Files.readString(signingKey, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + signingKey, e);
        }
    }

    private String password() {
        try {
            if (passwordFile != null) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + passwordFile, e);
        }
        return System.getenv("KUBECHAT_AUDIT_DB_PASSWORD");
    }
}
