package io.kubechat.nlp.embedded;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of a request, each in its written and lower-case form, and which of them a reader
 * has already claimed so that later readers (and finally the name reader) see only the rest.
 */
final class Tokens {

    /** First words of the (constant) phrases readers look for. */
    private static final Map<String, String> FIRST_WORDS = new ConcurrentHashMap<>();

    private final List<String> raw = new ArrayList<>();
    private final List<String> lower = new ArrayList<>();
    private final BitSet used = new BitSet();
    /** The words present, so a phrase whose first word is absent is rejected without a scan. */
    private final Set<String> present = new HashSet<>();

    Tokens(String text) {
        for (String word : text.split("\\s+")) {
            String cleaned = clean(word);
            if (!cleaned.isEmpty()) {
                raw.add(cleaned);
                lower.add(cleaned.toLowerCase(Locale.ROOT));
            }
        }
        present.addAll(lower);
    }

    /** Trims quotes and sentence punctuation that are not part of a name, image or selector. */
    private static String clean(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && "\"'(`“”‘’[{".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && "\"'),.?!:`“”‘’]}".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(start, end);
    }

    int size() {
        return raw.size();
    }

    String raw(int i) {
        return raw.get(i);
    }

    String word(int i) {
        return i >= 0 && i < lower.size() ? lower.get(i) : "";
    }

    boolean used(int i) {
        return used.get(i);
    }

    boolean free(int i) {
        return i >= 0 && i < raw.size() && !used.get(i);
    }

    void use(int from, int toExclusive) {
        used.set(from, toExclusive);
    }

    void use(int i) {
        used.set(i);
    }

    /** Whether the free words starting at {@code i} are exactly {@code phrase} (space-separated). */
    boolean matches(int i, String phrase) {
        // walks the phrase in place: this runs for every trigger phrase at every position
        int start = 0;
        int k = i;
        while (start <= phrase.length()) {
            int end = phrase.indexOf(' ', start);
            if (end < 0) {
                end = phrase.length();
            }
            if (!free(k) || !lower.get(k).regionMatches(0, phrase, start, end - start)
                    || lower.get(k).length() != end - start) {
                return false;
            }
            k++;
            start = end + 1;
        }
        return true;
    }

    /** The first position where the free words spell {@code phrase}. */
    OptionalInt find(String phrase) {
        String first = FIRST_WORDS.get(phrase);
        if (first == null) {
            first = phrase.indexOf(' ') < 0 ? phrase : phrase.substring(0, phrase.indexOf(' '));
            FIRST_WORDS.put(phrase, first);
        }
        if (!present.contains(first)) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < raw.size(); i++) {
            if (matches(i, phrase)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    static int wordCount(String phrase) {
        int count = 1;
        for (int c = 0; c < phrase.length(); c++) {
            if (phrase.charAt(c) == ' ') {
                count++;
            }
        }
        return count;
    }

    boolean contains(String phrase) {
        return find(phrase).isPresent();
    }

    /** Claims the first occurrence of {@code phrase}; true when there was one. */
    boolean take(String phrase) {
        OptionalInt at = find(phrase);
        at.ifPresent(i -> use(i, i + wordCount(phrase)));
        return at.isPresent();
    }

    /** Claims every free word that is one of {@code words}. */
    void takeEach(Set<String> words) {
        for (int i = 0; i < raw.size(); i++) {
            if (free(i) && words.contains(lower.get(i))) {
                use(i);
            }
        }
    }

    /** Replaces a word by its corrected form, for typos and number words. */
    void correct(int i, String word) {
        present.add(word);
        lower.set(i, word);
        raw.set(i, word);
    }
}
