package io.kubechat.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * @param origin                 name of the log, signed into every checkpoint (for example {@code kubechat.io/audit/prod})
 * @param checkpointEveryRecords sign a checkpoint once this many records are not yet covered; 0 turns it off
 * @param checkpointInterval     also sign one this often while records are uncovered; null turns it off
 * @param searchIndexInterval    how often the free-text index catches up in bulk (text queries also make it
 *                               catch up first, so they are complete); null leaves it to the queries
 * @param maxBatch               most appends committed in one transaction when writers queue up
 */
public record LedgerConfig(String origin, int checkpointEveryRecords, Duration checkpointInterval,
                           Duration searchIndexInterval, int maxBatch, Clock clock) {

    public LedgerConfig {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(clock, "clock");
        if (checkpointEveryRecords < 0 || maxBatch < 1) {
            throw new IllegalArgumentException("checkpointEveryRecords >= 0 and maxBatch >= 1 required");
        }
    }

    public static LedgerConfig defaults(String origin) {
        return new LedgerConfig(origin, 1000, Duration.ofMinutes(1), Duration.ofMinutes(1), 256, Clock.systemUTC());
    }

    public LedgerConfig withCheckpointEveryRecords(int records) {
        return new LedgerConfig(origin, records, checkpointInterval, searchIndexInterval, maxBatch, clock);
    }

    public LedgerConfig withCheckpointInterval(Duration interval) {
        return new LedgerConfig(origin, checkpointEveryRecords, interval, searchIndexInterval, maxBatch, clock);
    }

    public LedgerConfig withSearchIndexInterval(Duration interval) {
        return new LedgerConfig(origin, checkpointEveryRecords, checkpointInterval, interval, maxBatch, clock);
    }

    public LedgerConfig withClock(Clock clock) {
        return new LedgerConfig(origin, checkpointEveryRecords, checkpointInterval, searchIndexInterval, maxBatch, clock);
    }
}
