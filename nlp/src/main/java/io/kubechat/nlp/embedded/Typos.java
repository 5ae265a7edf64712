package io.kubechat.nlp.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Corrects small typos ("deploymnet", "sevices", "descibe") towards a closed vocabulary of kind
 * words and read verbs. Write verbs are deliberately absent, so a typo never becomes a change.
 */
final class Typos {

    private static final List<String> SAFE_VERBS = List.of("describe", "display", "events", "namespace", "namespaces",
            "replicas", "container", "rollout", "history", "status");

    /** Short read verbs, corrected only as the first word. */
    private static final List<String> FIRST_WORD_VERBS = List.of("show", "list", "logs");

    /** Changes are never corrected into, but a near miss is reported so the request is asked about, not read as a get. */
    private static final List<String> WRITE_VERBS = List.of("delete", "remove", "destroy", "drain", "scale", "restart",
            "cordon", "uncordon", "create", "label", "annotate", "taint", "expose", "autoscale", "patch", "rollback",
            "terminate", "evict", "suspend");

    private final List<String> vocabulary;
    private final List<String> firstWordVocabulary;
    private final Set<String> known;

    Typos(Collection<String> kindWords, Collection<String> knownWords) {
        List<String> words = new ArrayList<>(SAFE_VERBS);
        kindWords.stream().filter(w -> w.length() >= 4 && !w.contains(" ")).forEach(words::add);
        this.vocabulary = List.copyOf(words);
        words.addAll(FIRST_WORD_VERBS);
        this.firstWordVocabulary = List.copyOf(words);
        this.known = new HashSet<>(knownWords);
        kindWords.forEach(w -> known.addAll(List.of(w.split(" "))));
        this.known.addAll(SAFE_VERBS);
        this.known.addAll(FIRST_WORD_VERBS);
    }

    void correct(Draft draft) {
        Tokens t = draft.tokens;
        int first = draft.kubectlStyle ? 1 : 0;
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            // four-letter words are corrected only where a verb stands, so "shop" never becomes "show"
            int shortest = i == first ? 4 : 5;
            if (!t.free(i) || word.length() < shortest || known.contains(word)
                    || !word.chars().allMatch(Character::isLetter)) {
                continue;
            }
            String best = null;
            for (String candidate : i == first ? firstWordVocabulary : vocabulary) {
                if (Math.abs(candidate.length() - word.length()) <= 1 && mayBeOneEditApart(word, candidate)
                        && distance(word, candidate) <= 1) {
                    best = candidate;
                    break;
                }
            }
            if (best != null) {
                draft.corrections.add(word + " -> " + best);
                t.correct(i, best);
            } else if (draft.nearMissVerb == null && i == firstContentWord(t, first)) {
                WRITE_VERBS.stream().filter(v -> distance(word, v) == 1).findFirst()
                        .ifPresent(v -> draft.nearMissVerb = word + " -> " + v);
            }
        }
    }

    /** Where a verb stands: the first word that is not politeness ("please", "can you"). */
    private static int firstContentWord(Tokens t, int from) {
        for (int i = from; i < t.size(); i++) {
            if (!Vocabulary.isStopWord(t.word(i))) {
                return i;
            }
        }
        return -1;
    }

    /** One edit keeps one of the first two letters in place or shifts it by one; most pairs fail this cheaply. */
    private static boolean mayBeOneEditApart(String a, String b) {
        char a0 = a.charAt(0);
        char a1 = a.charAt(1);
        char b0 = b.charAt(0);
        char b1 = b.charAt(1);
        return a0 == b0 || a1 == b1 || a0 == b1 || a1 == b0;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
