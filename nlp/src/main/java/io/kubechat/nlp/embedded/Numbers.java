package io.kubechat.nlp.embedded;

import java.util.Map;

/** Whole numbers written as digits or as small number words. */
final class Numbers {

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("zero", 0), Map.entry("none", 0),
            Map.entry("one", 1), Map.entry("single", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("twenty", 20),
            Map.entry("fifty", 50), Map.entry("hundred", 100));

    private Numbers() {
    }

    /** The number, or null when the word is not one or is out of the range a command accepts. */
    static Integer parse(String word) {
        if (word == null || word.isEmpty()) {
            return null;
        }
        Integer named = WORDS.get(word.toLowerCase());
        if (named != null) {
            return named;
        }
        if (word.length() > 9 || !word.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(word);
    }

    static Long parseLong(String word) {
        Integer value = parse(word);
        return value == null ? null : value.longValue();
    }

    static boolean isNumber(String word) {
        return parse(word) != null;
    }
}
