package io.kubechat.nlp.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import io.kubechat.nlp.kinds.KindLexicon;

/**
 * Reads the object's name from the words no other reader claimed, from where a name goes: right
 * after the kind or the verb ("deployment api", "restart web"), right before the kind ("the api
 * deployment"), or anywhere for a word shaped like a generated name ("web-1", "api-5f7"). A plain
 * word elsewhere ("delete pod in shop that is oldest") is a name only when the objects the
 * requester can see are known, which then decide (see {@link Grounding}); otherwise it is not
 * understood. "it", "its" and "that one" refer to the previous command's object.
 */
final class NameReader {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Set<String> PRONOUNS = Set.of("it", "its", "it's", "them");
    /** Adjectives, fillers and verbs of a sentence that are never an object's name. */
    private static final Set<String> NOT_NAMES = Set.of("oldest", "newest", "old", "first", "second", "last", "mean",
            "over", "full", "scheduled", "installed", "run", "runs", "apps", "deployed", "lst", "happened", "exactly",
            "instead", "anymore", "everyone", "somebody", "someone", "whole", "again", "back", "real", "live",
            "objects", "stuck", "broken", "dead", "bad", "good", "fine", "okay", "alive", "sure", "thanks");
    /** Words between a verb and its object: "the logs of api", "scale up web". */
    private static final Set<String> LINKS = Set.of("the", "of", "for", "up", "down", "about", "from", "on");
    /** Nouns whose object follows: "the image of web", "the last 20 lines of api". */
    private static final Set<String> NOUN_LEADS = Set.of("image", "images", "lines", "line", "logs", "log");
    /** States said of an object right after its name: "why is checkout crashing". */
    private static final Set<String> STATES = Set.of("crashing", "failing", "restarting", "pending", "broken", "stuck",
            "down", "slow", "unhealthy", "crashlooping");
    private static final Pattern NAME_SHAPED = Pattern.compile("^[a-z0-9]+([-.][a-z0-9]+)+$|^[a-z]+[0-9]+$");
    private static final List<String> PRONOUN_PHRASES = List.of("that one", "this one", "the same one", "that same one");

    private final KindLexicon kinds;
    /** Whether the requester's objects are known, so that a loosely placed word can be checked against them. */
    private final boolean groundable;

    NameReader(KindLexicon kinds, boolean groundable) {
        this.kinds = kinds;
        this.groundable = groundable;
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
        List<Integer> placed = candidates.stream().filter(c -> inNamePlace(t, c)).toList();
        if (placed.isEmpty() && !groundable) {
            d.notes.add("did not understand: " + String.join(" ", candidates.stream().map(t::raw).toList()));
            d.unclear = true;
            return;
        }
        int chosen = placed.isEmpty() ? candidates.get(0) : placed.get(0);
        d.name = t.word(chosen);
        boolean afterKind = chosen > 0 && t.used(chosen - 1) && kinds.lookup(t.word(chosen - 1)).isPresent();
        d.nameLoose = !afterKind && !NAME_SHAPED.matcher(d.name).matches();
        t.use(chosen);
        candidates.stream().filter(c -> c != chosen).forEach(c -> d.otherNames.add(t.word(c)));
    }

    /**
     * After the verb or the kind ("restart web", "namespace shop", "the logs of api"), before the
     * kind or the verb ("the api deployment", "api logs"), or shaped like a generated name.
     */
    private boolean inNamePlace(Tokens t, int i) {
        int before = i - 1;
        while (before > 0 && i - before <= 2 && LINKS.contains(t.word(before))) {
            before--;
        }
        String lead = before >= 0 ? t.word(before) : "";
        boolean afterWord = before >= 0 && (kinds.lookup(lead).isPresent() || NOUN_LEADS.contains(lead)
                || t.used(before) && !Vocabulary.isStopWord(lead));
        boolean beforeWord = i + 1 < t.size() && (t.used(i + 1) || STATES.contains(t.word(i + 1)));
        return afterWord || beforeWord || NAME_SHAPED.matcher(t.word(i)).matches();
    }

    private boolean isCandidate(Tokens t, int i) {
        String word = t.word(i);
        return t.free(i) && !NOT_NAMES.contains(word) && kinds.lookup(word).isEmpty() && word.length() <= 253 && NAME.matcher(word).matches() && !Vocabulary.isStopWord(word)
                && !Numbers.isNumber(word);
    }
}
