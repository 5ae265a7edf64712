package io.kubechat.nlp.resolve;

import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixed list of objects standing in for a cluster's, read from {@code namespace<TAB>kind<TAB>name}
 * lines ({@code -} as namespace for cluster-scoped kinds, kind as kubectl prints it). Kinds the
 * lexicon does not know are kept by their word, so they count as known names.
 */
public final class KnownObjects implements NameResolver {

    /** One line of the list; {@code kind} is the lexicon's singular word when the lexicon knows it. */
    public record Entry(String namespace, String kind, String name) {
    }

    private final KindLexicon kinds;
    private final List<Entry> entries;

    public KnownObjects(KindLexicon kinds, List<Entry> entries) {
        this.kinds = kinds;
        this.entries = List.copyOf(entries);
    }

    public static KnownObjects read(KindLexicon kinds, Reader source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.strip().split("\t");
            if (fields.length != 3) {
                throw new IOException("objects line " + number + ": expected namespace<TAB>kind<TAB>name");
            }
            String kind = fields[1].toLowerCase(Locale.ROOT);
            kind = kinds.lookup(kind).map(KindInfo::singular).orElse(kind);
            entries.add(new Entry("-".equals(fields[0]) ? null : fields[0], kind, fields[2]));
        }
        return new KnownObjects(kinds, entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether the object is on the list; {@code namespace} is ignored for cluster-scoped kinds. */
    public boolean contains(String kind, String namespace, String name) {
        String word = kinds.lookup(kind).map(KindInfo::singular).orElse(kind.toLowerCase(Locale.ROOT));
        boolean clusterScoped = kinds.lookup(kind).map(k -> !k.namespaced()).orElse(false);
        return entries.stream().anyMatch(e -> e.kind().equals(word) && e.name().equals(name)
                && (clusterScoped || e.namespace() == null || e.namespace().equals(namespace)));
    }

    @Override
    public List<ObjectRef> visible(List<KindInfo> wanted, String namespace) {
        List<ObjectRef> found = new ArrayList<>();
        for (KindInfo kind : wanted) {
            for (Entry e : entries) {
                if (e.kind().equals(kind.singular())
                        && (!kind.namespaced() || namespace == null || namespace.equals(e.namespace()))) {
                    found.add(new ObjectRef(kind, kind.namespaced() ? e.namespace() : null, e.name()));
                }
            }
        }
        return found;
    }
}
