package io.kubechat.nlp.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import io.kubechat.nlp.kinds.KindLexicon;

/**
 * Reads the object's name from the words no other reader claimed: preferably the word right after
 * the kind ("deployment api") or right before it ("the api deployment"), else the only candidate
 * left. "it", "its" and "that one" refer to the previous command's object.
 */
final class NameReader {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Set<String> PRONOUNS = Set.of("it", "its", "it's", "them");
    private static final List<String> PRONOUN_PHRASES = List.of("that one", "this one", "the same one", "that same one");

    private final KindLexicon kinds;

    NameReader(KindLexicon kinds) {
        this.kinds = kinds;
    }

    void read(Draft d) {
        Tokens t = d.tokens;
        for (String phrase : PRONOUN_PHRASES) {
            d.refersToPrevious |= t.take(phrase);
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && PRONOUNS.contains(t.word(i))) {
                d.refersToPrevious = true;
                t.use(i);
            }
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (isCandidate(t, i)) {
                candidates.add(i);
            }
        }
        if (d.everything && d.name == null && !candidates.isEmpty()) {
            // "all pods" and a loose name contradict each other: ask rather than pick one
            d.notes.add("did not understand: " + String.join(" ", candidates.stream().map(t::raw).toList()));
            d.unclear = true;
            return;
        }
        if (d.name != null || candidates.isEmpty()) {
            return;
        }
        int chosen = candidates.stream()
                .filter(c -> c > 0 && t.used(c - 1) && !Vocabulary.isStopWord(t.word(c - 1)))
                .findFirst().orElse(candidates.get(0));
        d.name = t.word(chosen);
        t.use(chosen);
        if (candidates.size() > 1) {
            List<String> ignored = new ArrayList<>();
            candidates.stream().filter(c -> c != chosen).forEach(c -> ignored.add(t.raw(c)));
            d.notes.add("did not understand: " + String.join(" ", ignored));
            d.unclear = true;
        }
    }

    private boolean isCandidate(Tokens t, int i) {
        String word = t.word(i);
        return t.free(i) && kinds.lookup(word).isEmpty() && word.length() <= 253 && NAME.matcher(word).matches() && !Vocabulary.isStopWord(word)
                && !Numbers.isNumber(word);
    }
}
