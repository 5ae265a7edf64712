package io.kubechat.nlp.embedded;

import io.kubechat.nlp.kinds.KindLexicon;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads where a request applies: "in shop", "from the shop namespace", "in namespace shop",
 * "across all namespaces". Phrases with the word namespace are read before the kind, so that
 * "in the shop namespace" is not taken for the Namespace kind; a bare "in shop" is read last,
 * once everything else ("in yaml", "in container app") has been claimed.
 */
final class ScopeReader {

    private static final Set<String> LOOSE_PREPOSITIONS = Set.of("in", "within", "inside", "from");
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Set<String> PREPOSITIONS = Set.of("in", "from", "within", "inside", "of", "under", "into",
            "across", "for");
    private static final List<String> ALL_NAMESPACES = List.of("in all namespaces", "across all namespaces",
            "across namespaces", "in every namespace", "in any namespace", "for all namespaces", "of all namespaces",
            "from all namespaces", "all namespaces", "every namespace", "everywhere", "cluster-wide", "clusterwide",
            "across the cluster", "across the whole cluster", "in the whole cluster", "in the entire cluster",
            "in all ns", "all ns");
    private static final Set<String> NAMESPACE_WORDS = Set.of("namespace", "ns");

    private final KindLexicon kinds;

    ScopeReader(KindLexicon kinds) {
        this.kinds = kinds;
    }

    /** Phrases that say "namespace" or "all namespaces"; run before the kind is read. */
    void readExplicit(Draft draft) {
        Tokens t = draft.tokens;
        for (String phrase : ALL_NAMESPACES) {
            if (t.take(phrase)) {
                draft.allNamespaces = true;
                return;
            }
        }
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i) || !NAMESPACE_WORDS.contains(t.word(i))) {
                continue;
            }
            // "in namespace shop", "in ns shop"
            if (i > 0 && t.free(i - 1) && PREPOSITIONS.contains(t.word(i - 1)) && isName(t, i + 1)) {
                set(draft, t, i - 1, i + 2, t.word(i + 1));
                return;
            }
            // "in the shop namespace", "from shop ns"
            int name = i - 1;
            int prep = t.word(name - 1).equals("the") ? name - 2 : name - 1;
            if (isName(t, name) && t.free(prep) && PREPOSITIONS.contains(t.word(prep))) {
                set(draft, t, prep, i + 1, t.word(name));
                return;
            }
        }
    }

    /** A bare "in shop": run after every other reader. */
    void readLoose(Draft draft) {
        Tokens t = draft.tokens;
        if (draft.namespace != null || draft.allNamespaces) {
            return;
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            // a kind word after "in" is a namespace only once the request's kind is known: "pods in jobs"
            boolean kindWord = kinds.lookup(t.word(i + 1)).isPresent();
            if (t.free(i) && LOOSE_PREPOSITIONS.contains(t.word(i)) && isName(t, i + 1)
                    && (!kindWord || draft.kind != null)) {
                set(draft, t, i, i + 2, t.word(i + 1));
                return;
            }
        }
    }

    private boolean isName(Tokens t, int i) {
        String word = t.word(i);
        return t.free(i) && DNS_LABEL.matcher(word).matches() && word.length() <= 63
                && !Vocabulary.isStopWord(word) && !Numbers.isNumber(word);
    }

    private static void set(Draft draft, Tokens t, int from, int toExclusive, String namespace) {
        draft.namespace = namespace;
        for (int k = from; k < toExclusive; k++) {
            if (k >= 0) {
                t.use(k);
            }
        }
    }
}
