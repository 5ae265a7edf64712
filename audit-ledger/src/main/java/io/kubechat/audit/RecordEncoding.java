package io.kubechat.audit;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical, versioned byte encoding of a record that its hash covers. Specified in the module's
 * README ("Record encoding v1"); any change needs a new version number, never an edit of version 1.
 */
public final class RecordEncoding {

    public static final int VERSION = 1;
    public static final byte[] GENESIS_HASH = new byte[Sha256.LENGTH];
    private static final byte[] DOMAIN = "kubechat-audit-record".getBytes(StandardCharsets.US_ASCII);

    private RecordEncoding() {
    }

    /** PostgreSQL keeps microseconds; hashing anything finer would not survive a round trip. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] resultDigest(String result) {
        Writer w = new Writer();
        w.optionalString(result);
        return Sha256.of(w.toByteArray());
    }

    public static byte[] encode(long sequence, Instant recordedAt, AuditEvent e, byte[] resultDigest,
                                byte[] previousHash) {
        requireHash(resultDigest, "resultDigest");
        requireHash(previousHash, "previousHash");
        Writer w = new Writer();
        w.raw(DOMAIN);
        w.raw(new byte[] {0, VERSION});
        w.int64(sequence);
        w.int64(micros(recordedAt));
        w.string(e.eventType());
        Actor a = e.actor();
        w.optionalString(a.user());
        w.stringList(a.groups());
        w.optionalString(a.sourceIp());
        w.optionalString(a.userAgent());
        w.optionalString(e.cluster());
        w.optionalString(e.namespace());
        w.optionalString(e.sessionRef());
        w.optionalString(e.commandRef());
        w.optionalString(e.requestText());
        w.optionalString(e.command());
        w.optionalString(e.kubectl());
        w.optionalString(e.riskLevel());
        w.optionalString(e.decision());
        w.optionalString(e.reason());
        w.optionalString(e.outcome());
        w.raw(resultDigest);
        w.raw(previousHash);
        return w.toByteArray();
    }

    public static byte[] hash(long sequence, Instant recordedAt, AuditEvent e, byte[] resultDigest,
                              byte[] previousHash) {
        return Sha256.of(encode(sequence, recordedAt, e, resultDigest, previousHash));
    }

    /** The hash the record should have; compare it with {@link AuditRecord#hash()} to detect edits. */
    public static byte[] expectedHash(AuditRecord r) {
        if (r.encodingVersion() != VERSION) {
            throw new IllegalArgumentException("unknown record encoding version " + r.encodingVersion());
        }
        return hash(r.sequence(), r.recordedAt(), r.event(), r.resultDigest(), r.previousHash());
    }

    /**
     * Rejects text that PostgreSQL cannot store or that would not read back as the same bytes
     * (NUL characters, unpaired surrogates), before it reaches the chain.
     */
    public static void requireStorable(AuditEvent e) {
        Actor a = e.actor();
        for (String s : new String[] {e.eventType(), a.user(), a.sourceIp(), a.userAgent(), e.cluster(),
                e.namespace(), e.sessionRef(), e.commandRef(), e.requestText(), e.command(), e.kubectl(),
                e.riskLevel(), e.decision(), e.reason(), e.outcome(), e.result()}) {
            if (s != null) {
                utf8(s);
            }
        }
        a.groups().forEach(RecordEncoding::utf8);
    }

    /**
     * UTF-8 bytes of text PostgreSQL stores faithfully. String.getBytes would silently turn an unpaired
     * surrogate into '?', and the stored text would then hash differently; only text with surrogates pays
     * for the strict encoder.
     */
    private static byte[] utf8(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("audit text must not contain NUL characters");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                try {
                    ByteBuffer buf = StandardCharsets.UTF_8.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(s));
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    return b;
                } catch (CharacterCodingException ex) {
                    throw new IllegalArgumentException("audit text is not valid Unicode", ex);
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static void requireHash(byte[] h, String name) {
        if (h == null || h.length != Sha256.LENGTH) {
            throw new IllegalArgumentException(name + " must be " + Sha256.LENGTH + " bytes");
        }
    }

    /** A growable byte buffer; ByteArrayOutputStream would lock on every byte of the hot path. */
    private static final class Writer {
        private byte[] buf = new byte[768];
        private int size;

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void int32(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void string(String s) {
            byte[] b = utf8(s);
            int32(b.length);
            raw(b);
        }

        void flag(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void optionalString(String s) {
            if (s == null) {
                flag(0);
            } else {
                flag(1);
                string(s);
            }
        }

        void stringList(List<String> list) {
            int32(list.size());
            for (String s : list) {
                string(s);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
