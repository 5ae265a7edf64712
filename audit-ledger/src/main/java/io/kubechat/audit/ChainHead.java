package io.kubechat.audit;

import java.time.Instant;

/** The last record of the chain: its sequence number, hash and time (0, zeros and the epoch when empty). */
record ChainHead(long sequence, byte[] hash, Instant recordedAt) {
}
