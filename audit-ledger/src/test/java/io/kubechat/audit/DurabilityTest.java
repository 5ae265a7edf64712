package io.kubechat.audit;

import io.kubechat.audit.checkpoint.SigningKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appends survive a PostgreSQL crash, fail loudly while it is down, and resume when it is back. */
class DurabilityTest {

    @TempDir
    Path dataDirectory;

    @Test
    void everyReturnedAppendSurvivesACrashAndAppendsResumeAfterRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(port);
        LedgerSchema.of(pg.getPostgresDatabase()).migrate();
        // The data source only knows host and port, like a real one; it outlives the server process.
        AuditLedger ledger = AuditLedger.open(pg.getPostgresDatabase(), SigningKey.generate(),
                LedgerConfig.defaults("test").withCheckpointEveryRecords(0).withCheckpointInterval(null));
        try {
            List<AuditRecord> acknowledged = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                acknowledged.add(ledger.append(Events.command(i)));
            }

            crash(pg);
            assertThatThrownBy(() -> ledger.append(Events.command(21)))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("not recorded");
            assertThatThrownBy(() -> ledger.append(Events.command(21)))
                    .isInstanceOf(AuditUnavailableException.class);

            pg = start(port);
            acknowledged.add(ledger.append(Events.command(21)));

            // A restart while nobody appends: the ledger's kept connection is dead, the next append still works.
            crash(pg);
            pg = start(port);
            acknowledged.add(ledger.append(Events.command(22)));

            assertThat(acknowledged).extracting(AuditRecord::sequence).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 22).boxed().toList());
            for (AuditRecord r : acknowledged) {
                assertThat(ledger.get(r.sequence()).orElseThrow().hash()).isEqualTo(r.hash());
            }
            assertThat(ledger.verify().valid()).isTrue();
        } finally {
            ledger.close();
            pg.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    /**
     * SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, no flush beyond what commits already forced,
     * and WAL recovery on the next start, as after a crash.
     */
    private void crash(EmbeddedPostgres pg) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        assertThat(new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor()).isZero();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        // Releases zonky's directory lock; its own stop attempt finds nothing left to stop.
        pg.close();
    }
}
