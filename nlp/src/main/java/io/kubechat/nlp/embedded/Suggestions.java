package io.kubechat.nlp.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The understood requests closest to one that was not, by shared words. */
public final class Suggestions {

    private static final String EXAMPLES = "/io/kubechat/nlp/examples.txt";

    private final List<String> examples;

    private Suggestions(List<String> examples) {
        this.examples = List.copyOf(examples);
    }

    public static Suggestions builtIn() {
        try (InputStream in = Suggestions.class.getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLES + " is missing from the classpath");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return new Suggestions(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Example requests the translator understands, for benchmarks and help texts. */
    public List<String> examples() {
        return examples;
    }

    public List<String> closest(String request, int count) {
        Set<String> words = words(request);
        List<Scored> scored = new ArrayList<>();
        for (String example : examples) {
            Set<String> exampleWords = words(example);
            Set<String> shared = new HashSet<>(exampleWords);
            shared.retainAll(words);
            shared.removeIf(Vocabulary::isStopWord);
            Set<String> union = new HashSet<>(exampleWords);
            union.addAll(words);
            scored.add(new Scored(example, union.isEmpty() ? 0 : (double) shared.size() / union.size()));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.stream().limit(count).map(Scored::example).toList();
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
    }

    private record Scored(String example, double score) {
    }
}
