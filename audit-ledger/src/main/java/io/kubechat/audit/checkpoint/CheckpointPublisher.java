package io.kubechat.audit.checkpoint;

import java.util.List;

/**
 * A second home for checkpoints, outside the ledger's database, so that rewriting the database alone
 * (even with a new key) is caught: the verifier compares the database against what was published.
 */
public interface CheckpointPublisher {

    void publish(SignedCheckpoint checkpoint);

    /** Everything published so far, for verification. */
    List<SignedCheckpoint> published();
}
