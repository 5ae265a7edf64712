package io.kubechat.audit;

import io.kubechat.audit.checkpoint.CheckpointPublisher;
import io.kubechat.audit.checkpoint.SignedCheckpoint;
import io.kubechat.audit.checkpoint.SigningKey;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.merkle.CompactRange;
import io.kubechat.audit.merkle.ConsistencyProof;
import io.kubechat.audit.merkle.InclusionProof;
import io.kubechat.audit.merkle.MerkleTree;
import io.kubechat.audit.merkle.TreeNodes;
import io.kubechat.audit.query.AuditPage;
import io.kubechat.audit.query.AuditQueries;
import io.kubechat.audit.query.AuditQuery;
import io.kubechat.audit.retention.ArchiveSegment;
import io.kubechat.audit.verify.Anchor;
import io.kubechat.audit.verify.ArchiveChecks;
import io.kubechat.audit.verify.LedgerVerifier;
import io.kubechat.audit.verify.VerificationResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The audit ledger: append, checkpoint, prove, verify and query. Thread-safe; one instance per process,
 * any number of processes on the same database. The data source should connect as a login that holds the
 * application role ({@link LedgerSchema#DEFAULT_APP_ROLE}) and owns nothing; the schema must be migrated by its
 * owner first.
 * <p>
 * Records are never signed one by one: each is bound by its hash to the one before, and signed checkpoints commit
 * to all of them. So a process that appends records needs no key: opened with {@link #openAppendOnly} (the
 * gateway), it appends and verifies with the public key, and the signer's next checkpoint (the operator's, opened
 * with {@link #open}) covers its records too.
 */
public final class AuditLedger implements AutoCloseable {

    private final DataSource dataSource;
    private final SigningKey signingKey;
    private final VerificationKey verificationKey;
    private final LedgerConfig config;
    private final List<CheckpointPublisher> publishers;
    private final LedgerWriter writer;
    private final ScheduledExecutorService checkpointer;
    private final AtomicLong checkpointedSize = new AtomicLong(-1);
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private final AtomicReference<RuntimeException> lastBackgroundFailure = new AtomicReference<>();

    private AuditLedger(DataSource dataSource, SigningKey signingKey, VerificationKey verificationKey,
                        LedgerConfig config, List<CheckpointPublisher> publishers) {
        this.dataSource = dataSource;
        this.signingKey = signingKey;
        this.verificationKey = verificationKey;
        this.config = config;
        this.publishers = List.copyOf(publishers);
        this.writer = new LedgerWriter(dataSource, config.clock(), config.maxBatch());
        this.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpointer");
            t.setDaemon(true);
            return t;
        });
        if (config.checkpointInterval() != null && signingKey != null) {
            long millis = config.checkpointInterval().toMillis();
            checkpointer.scheduleWithFixedDelay(this::checkpointInBackground, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (config.searchIndexInterval() != null) {
            long millis = config.searchIndexInterval().toMillis();
            checkpointer.scheduleWithFixedDelay(this::indexInBackground, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    public static AuditLedger open(DataSource dataSource, SigningKey signingKey, LedgerConfig config,
                                   CheckpointPublisher... publishers) {
        return new AuditLedger(dataSource, signingKey, signingKey.verificationKey(), config, List.of(publishers));
    }

    /**
     * A ledger that appends and verifies but never signs: checkpoints come from the process holding the key.
     *
     * @param verificationKey the signer's public key, obtained independently of the database (pinned)
     * @param publishers      where the signer publishes its checkpoints, read for {@link #verify()}
     */
    public static AuditLedger openAppendOnly(DataSource dataSource, VerificationKey verificationKey, LedgerConfig config,
                                             CheckpointPublisher... publishers) {
        return new AuditLedger(dataSource, null, verificationKey, config, List.of(publishers));
    }

    /**
     * Records an event durably: returns only after the transaction holding it committed.
     *
     * @throws AuditUnavailableException if PostgreSQL cannot be reached or refuses the write
     * @throws IllegalArgumentException  if the event holds text PostgreSQL cannot store (NUL, broken Unicode)
     */
    public AuditRecord append(AuditEvent event) {
        AuditRecord record = writer.append(event);
        int every = config.checkpointEveryRecords();
        if (every > 0 && signingKey != null && record.sequence() - checkpointedSize.get() >= every
                && checkpointQueued.compareAndSet(false, true)) {
            checkpointer.execute(this::checkpointInBackground);
        }
        return record;
    }

    private void checkpointInBackground() {
        checkpointQueued.set(false);
        try {
            checkpoint();
            lastBackgroundFailure.set(null);
        } catch (RuntimeException e) {
            // Appends stay durable without checkpoints; the failure is surfaced through lastBackgroundFailure.
            lastBackgroundFailure.set(e);
        }
    }

    private void indexInBackground() {
        try {
            indexForSearch();
        } catch (RuntimeException e) {
            // Text queries index what is missing before they run; nothing is lost by a failed round.
            lastBackgroundFailure.compareAndSet(null, e);
        }
    }

    /** Why the last background checkpoint or search indexing failed, if it did (for health checks and metrics). */
    public Optional<RuntimeException> lastBackgroundFailure() {
        return Optional.ofNullable(lastBackgroundFailure.get());
    }

    /**
     * Signs a checkpoint over every committed record, after checking that the records added since the previous
     * one continue the chain (the ledger never signs over a broken chain), stores it and publishes it.
     * Empty if there is no record.
     */
    public synchronized Optional<SignedCheckpoint> checkpoint() {
        SigningKey key = signingKey();
        try (Connection c = dataSource.getConnection()) {
            Optional<LedgerStore.StoredCheckpoint> latest = LedgerStore.latestCheckpoint(c);
            Anchor anchor = Anchor.genesis();
            if (latest.isPresent()) {
                SignedCheckpoint previous = latest.get().checkpoint();
                if (!verificationKey().verify(previous)) {
                    throw new IllegalStateException("the newest checkpoint (size " + previous.treeSize()
                            + ") is not signed by this ledger's key; refusing to extend it");
                }
                anchor = new Anchor(previous.treeSize(), LedgerStore.hashAt(c, previous.treeSize()),
                        latest.get().tree());
            }
            // Links and numbering decide what the tree commits to; a record whose content no longer matches its
            // hash is still caught by every later verification, so re-hashing content here would add nothing.
            LinkCheck chain = new LinkCheck(anchor);
            LedgerStore.streamLinks(c, anchor.size() + 1, chain::accept);
            if (chain.problem() != null) {
                throw new IllegalStateException("refusing to sign a broken chain: " + chain.problem());
            }
            if (chain.size() == anchor.size()) {
                checkpointedSize.set(anchor.size());
                return latest.map(LedgerStore.StoredCheckpoint::checkpoint);
            }
            SignedCheckpoint cp = key.signCheckpoint(config.origin(), chain.size(), chain.tree().root(),
                    config.clock().instant().truncatedTo(ChronoUnit.MILLIS));
            c.setAutoCommit(true);
            LedgerStore.insertCheckpoint(c, cp, chain.tree());
            checkpointedSize.set(cp.treeSize());
            publishers.forEach(p -> p.publish(cp));
            return Optional.of(cp);
        } catch (SQLException e) {
            throw unavailable("checkpoint", e);
        }
    }

    /** Brings the free-text index up to date; runs in bulk at the configured interval and before text queries. */
    public int indexForSearch() {
        try (Connection c = dataSource.getConnection()) {
            return AuditQueries.indexNewRecords(c);
        } catch (SQLException e) {
            throw unavailable("index for search", e);
        }
    }

    public Optional<SignedCheckpoint> latestCheckpoint() {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.latestCheckpoint(c).map(LedgerStore.StoredCheckpoint::checkpoint);
        } catch (SQLException e) {
            throw unavailable("read checkpoint", e);
        }
    }

    /**
     * The smallest stored checkpoint covering {@code sequence}, signing a new one if none does yet (only a ledger
     * with the signing key can; without it, records newer than the newest checkpoint wait for the signer's next).
     */
    public SignedCheckpoint checkpointCovering(long sequence) {
        try (Connection c = dataSource.getConnection()) {
            Optional<LedgerStore.StoredCheckpoint> cp = LedgerStore.checkpointCovering(c, sequence);
            if (cp.isPresent()) {
                return cp.get().checkpoint();
            }
        } catch (SQLException e) {
            throw unavailable("read checkpoint", e);
        }
        if (signingKey == null) {
            throw new IllegalStateException("record " + sequence + " is not covered by a signed checkpoint yet");
        }
        return checkpoint().filter(cp -> cp.treeSize() >= sequence)
                .orElseThrow(() -> new IllegalArgumentException("record " + sequence + " does not exist"));
    }

    public List<SignedCheckpoint> checkpoints() {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.checkpoints(c);
        } catch (SQLException e) {
            throw unavailable("read checkpoints", e);
        }
    }

    /** Verifies the whole ledger against its own and its publishers' checkpoints. */
    public VerificationResult verify() {
        return verify(List.of());
    }

    /**
     * Verifies the whole ledger with this ledger's public key: the archive segments (signatures, continuity, files
     * where readable), then the records from the newest segment on, against every checkpoint: the database's, the
     * publishers' (so a tail cut below the newest published checkpoint shows) and {@code trusted}.
     *
     * @param trusted further checkpoints kept elsewhere, for example by an auditor
     */
    public VerificationResult verify(Collection<SignedCheckpoint> trusted) {
        List<SignedCheckpoint> all;
        List<ArchiveSegment> segments;
        ChainHead head;
        try (Connection c = dataSource.getConnection()) {
            // Checkpoints before the head: every stored checkpoint covers only records committed before it.
            all = new ArrayList<>(LedgerStore.checkpoints(c));
            segments = LedgerStore.archiveSegments(c);
            head = LedgerStore.head(c);
        } catch (SQLException e) {
            throw unavailable("verify", e);
        }
        all.addAll(trusted);
        publishers.forEach(p -> all.addAll(p.published()));
        VerificationResult archive = ArchiveChecks.check(verificationKey, config.origin(), segments, all);
        if (archive != null) {
            return archive;
        }
        Anchor anchor = Anchor.genesis();
        if (!segments.isEmpty()) {
            ArchiveSegment newest = segments.get(segments.size() - 1);
            // Its checkpoint is genuine and has the segment's root (checked above); the frontier must match that root.
            SignedCheckpoint at = all.stream().filter(cp -> cp.treeSize() == newest.lastSequence()).findFirst()
                    .orElseThrow();
            try {
                anchor = new Anchor(newest.lastSequence(), newest.lastHash(), storedTree(at));
            } catch (IllegalStateException e) {
                return VerificationResult.bad(0, 0, newest.lastSequence() + 1, e.getMessage());
            }
        }
        try {
            LedgerVerifier verifier = new LedgerVerifier(verificationKey(), anchor, all);
            // Records appended from here on are left to the next verification.
            RecordPipeline.verify(dataSource, anchor.size() + 1, head.sequence(), verifier);
            return verifier.finish(head.sequence());
        } catch (SQLException e) {
            throw unavailable("verify", e);
        }
    }

    /** The compact range stored with the checkpoint of that size (checked against the signed root). */
    private CompactRange storedTree(SignedCheckpoint cp) {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.checkpointAt(c, cp.treeSize())
                    .orElseThrow(() -> new IllegalStateException("the checkpoint of size " + cp.treeSize()
                            + " that ends the newest archive segment is gone from the database"))
                    .tree();
        } catch (SQLException e) {
            throw unavailable("verify", e);
        }
    }

    /** Proof that record {@code sequence} is leaf {@code sequence - 1} of the tree of {@code treeSize}. */
    public InclusionProof inclusionProof(long sequence, long treeSize) {
        return MerkleTree.inclusionProof(treeNodes(treeSize), sequence - 1, treeSize);
    }

    /** Proof that the tree of {@code oldSize} is a prefix of the tree of {@code newSize}. */
    public ConsistencyProof consistencyProof(long oldSize, long newSize) {
        return MerkleTree.consistencyProof(treeNodes(newSize), oldSize, newSize);
    }

    /** The Merkle tree of the first {@code treeSize} records, archived prefix included by its compact range. */
    public TreeNodes treeNodes(long treeSize) {
        try (Connection c = dataSource.getConnection()) {
            Anchor anchor = LedgerStore.archiveAnchor(c);
            if (treeSize < anchor.size()) {
                throw new IllegalArgumentException("trees smaller than " + anchor.size()
                        + " lie in the archive; use the archive segment");
            }
            return new TreeNodes(anchor.tree(), LedgerStore.leafHashes(c, anchor.size() + 1, treeSize));
        } catch (SQLException e) {
            throw unavailable("read tree", e);
        }
    }

    /** Where the records still in the table begin (after the newest archive segment). */
    public Anchor archiveAnchor() {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.archiveAnchor(c);
        } catch (SQLException e) {
            throw unavailable("read archive anchor", e);
        }
    }

    /** Streams records {@code first..last} in order until {@code consumer} returns false. */
    public void records(long first, long last, Predicate<AuditRecord> consumer) {
        try (Connection c = dataSource.getConnection()) {
            RecordRows.stream(c, first, last, consumer);
        } catch (SQLException e) {
            throw unavailable("read records", e);
        }
    }

    public Optional<AuditRecord> get(long sequence) {
        List<AuditRecord> found = new ArrayList<>(1);
        records(sequence, sequence, found::add);
        return found.stream().findFirst();
    }

    /** The sequence number of the newest record (0 when empty). */
    public long size() {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.head(c).sequence();
        } catch (SQLException e) {
            throw unavailable("read head", e);
        }
    }

    public AuditPage query(AuditQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return AuditQueries.page(c, query);
        } catch (SQLException e) {
            throw unavailable("query", e);
        }
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    /** @throws IllegalStateException if this ledger was opened {@linkplain #openAppendOnly append-only} */
    public SigningKey signingKey() {
        if (signingKey == null) {
            throw new IllegalStateException("this process holds no audit signing key; the operator signs checkpoints");
        }
        return signingKey;
    }

    public LedgerConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static AuditUnavailableException unavailable(String what, SQLException e) {
        return new AuditUnavailableException("audit ledger " + what + " failed (SQLSTATE " + e.getSQLState()
                + "): " + e.getMessage(), e);
    }

    @Override
    public void close() {
        checkpointer.shutdownNow();
        writer.close();
    }
}
