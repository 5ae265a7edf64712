package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.SigningKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The backup and restore of docs/operations.md, step by step, with PostgreSQL's own pg_dump and pg_restore
 * (Debian's postgresql-client): a ledger dumped while a writer appends, restored onto a new server, verifies
 * against the checkpoints signed before, keeps them, and takes new appends that extend the same chain.
 */
class BackupAndRestoreTest {

    private static final Path PG_DUMP = Path.of("/usr/bin/pg_dump");
    private static final Path PG_RESTORE = Path.of("/usr/bin/pg_restore");
    private static final Path SERVER_BINARIES = Path.of("target/postgresql-15/postgresql-15-binaries.jar");

    @TempDir
    Path work;

    @Test
    void aDumpRestoredOnANewServerVerifiesAndTheChainGoesOn() throws Exception {
        assertThat(PG_DUMP).as("pg_dump from Debian's postgresql-client (hack/test installs it)").isExecutable();
        SigningKey key = SigningKey.generate();
        LedgerConfig config = LedgerConfig.defaults("backup-test").withCheckpointEveryRecords(25).withCheckpointInterval(null);
        Path dump = work.resolve("kubechat.dump");
        List<SignedCheckpoint> checkpointsBefore;
        byte[] lastHashBefore;

        try (EmbeddedPostgres old = server()) {
            createRolesAndDatabase(old.getPostgresDatabase(), "kubechat_audit_writer", "CREATE ROLE audit_app LOGIN IN ROLE kubechat_audit_writer");
            LedgerSchema.of(old.getDatabase("audit_owner", "kubechat")).migrate();
            try (AuditLedger ledger = AuditLedger.open(old.getDatabase("audit_app", "kubechat"), key, config)) {
                for (int i = 1; i <= 60; i++) {
                    ledger.append(Events.command(i));
                }
                lastHashBefore = ledger.get(60).orElseThrow().hash();
                // Signed now, not left to the background signer, so the test knows it exists before the dump.
                assertThat(ledger.checkpoint()).isPresent();
            }
            try (AuditLedger inUse = AuditLedger.open(old.getDatabase("audit_app", "kubechat"), key, config)) {
                checkpointsBefore = inUse.checkpoints();
                // The operator keeps writing during the backup: pg_dump reads one consistent snapshot.
                Thread writer = new Thread(() -> {
                    for (int i = 61; i <= 400; i++) {
                        inUse.append(Events.command(i));
                    }
                });
                writer.start();
                run(PG_DUMP.toString(), "--format=custom", "--file=" + dump, "--dbname=" + url(old, "audit_owner", "kubechat"));
                writer.join();
            }
        }

        try (EmbeddedPostgres fresh = server()) {
            // The writer and custodian roles are cluster-wide, not in a database dump: created first on a new server.
            createRolesAndDatabase(fresh.getPostgresDatabase(), "kubechat_audit_writer", "CREATE ROLE audit_app LOGIN IN ROLE kubechat_audit_writer");
            run(PG_RESTORE.toString(), "--exit-on-error", "--no-owner", "--role=audit_owner",
                    "--dbname=" + url(fresh, "audit_owner", "kubechat"), dump.toString());

            try (AuditLedger restored = AuditLedger.open(fresh.getDatabase("audit_app", "kubechat"), key, config)) {
                long size = restored.size();
                assertThat(size).isBetween(60L, 400L);
                assertThat(restored.get(60).orElseThrow().hash()).isEqualTo(lastHashBefore);
                assertThat(restored.checkpoints()).usingRecursiveFieldByFieldElementComparator().containsAll(checkpointsBefore);
                // Verified against the checkpoints kept apart from the database, as an auditor would.
                assertThat(restored.verify(checkpointsBefore).valid()).isTrue();

                AuditRecord next = restored.append(Events.command(1000));
                assertThat(next.sequence()).isEqualTo(size + 1);
                assertThat(next.previousHash()).isEqualTo(restored.get(size).orElseThrow().hash());
                assertThat(restored.verify().valid()).isTrue();
            }
            // The append-only rules came back with the schema.
            try (Connection c = fresh.getDatabase("audit_app", "kubechat").getConnection(); Statement st = c.createStatement()) {
                assertThat(catchThrowable(() -> st.execute("DELETE FROM audit_record WHERE seq = 1")))
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    /** A PostgreSQL 15 server (see the pom), the version of Debian's pg_dump and pg_restore here. */
    private static EmbeddedPostgres server() throws IOException {
        Path binaries = SERVER_BINARIES.toAbsolutePath();
        return EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setPgBinaryResolver((system, machine) -> {
                    // The jar holds one archive, for linux x86_64; zonky extracts and caches it by its digest.
                    ZipFile jar = new ZipFile(binaries.toFile());
                    return jar.getInputStream(jar.stream().filter(e -> e.getName().endsWith(".txz")).findFirst().orElseThrow());
                })
                .start();
    }

    private static void createRolesAndDatabase(DataSource superuser, String writerRole, String appRole) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE audit_owner LOGIN CREATEROLE");
            st.execute("CREATE ROLE " + writerRole + " NOLOGIN");
            st.execute("CREATE ROLE " + LedgerSchema.DEFAULT_CUSTODIAN_ROLE + " NOLOGIN");
            st.execute(appRole);
            st.execute("CREATE DATABASE kubechat OWNER audit_owner");
        }
    }

    private static String url(EmbeddedPostgres pg, String user, String database) {
        return "postgresql://" + user + "@localhost:" + pg.getPort() + "/" + database;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "pg-tool", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }
}
