package io.kubechat.nlp.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads how a result should look: output format ("as yaml", "wide") and order ("by age", "most cpu"). */
final class ShapeReader {

    private static final Map<String, String> OUTPUT_PHRASES = outputPhrases();
    private static final Map<String, String> SORT_PHRASES = sortPhrases();

    private ShapeReader() {
    }

    static void read(Draft d, Tokens t) {
        readOutput(d, t);
        readSort(d, t);
    }

    private static Map<String, String> outputPhrases() {
        Map<String, String> phrases = new LinkedHashMap<>();
        for (String shape : List.of("yaml", "json", "wide")) {
            for (String prefix : List.of("as ", "in ", "in the ", "with ", "")) {
                phrases.put(prefix + shape + " format", shape);
                phrases.put(prefix + shape + " output", shape);
                phrases.put(prefix + shape, shape);
            }
        }
        for (String names : List.of("names only", "just the names", "only the names", "only names", "just names")) {
            phrases.put(names, "name");
        }
        phrases.put("more columns", "wide");
        phrases.put("extra columns", "wide");
        return phrases;
    }

    private static Map<String, String> sortPhrases() {
        Map<String, String> phrases = new LinkedHashMap<>();
        for (String key : List.of("age", "creation time", "creation", "creation date", "time", "date")) {
            for (String lead : List.of("sorted by ", "sort by ", "ordered by ", "by ")) {
                phrases.put(lead + key, ".metadata.creationTimestamp");
            }
        }
        for (String key : List.of("restarts", "restart count", "number of restarts")) {
            for (String lead : List.of("sorted by ", "by ", "with the most ", "most ")) {
                phrases.put(lead + key, ".status.containerStatuses[0].restartCount");
            }
        }
        phrases.put("sorted by name", ".metadata.name");
        phrases.put("by name", ".metadata.name");
        phrases.put("alphabetically", ".metadata.name");
        phrases.put("newest first", ".metadata.creationTimestamp");
        phrases.put("oldest first", ".metadata.creationTimestamp");
        return phrases;
    }

    private static void readOutput(Draft d, Tokens t) {
        takeFirst(t, OUTPUT_PHRASES, d.args::output);
    }

    private static void readSort(Draft d, Tokens t) {
        takeFirst(t, SORT_PHRASES, d.args::sortBy);
    }

    static void readTopSort(Draft d, Tokens t) {
        if (d.args.sortBy() != null) {
            return;
        }
        boolean ranking = t.take("most") || t.take("highest") || t.take("heaviest") || t.take("sorted by")
                || t.take("sort by") || t.take("by") || t.take("top");
        String metric = "cpu".equals(d.trigger) || t.take("cpu") ? "cpu"
                : "memory".equals(d.trigger) || t.take("memory") || t.take("ram") ? "memory" : null;
        if (ranking && metric != null) {
            d.args.sortBy(metric);
        }
        for (String word : List.of("cpu", "memory", "ram", "usage", "utilization", "utilisation", "consumption", "and",
                "use", "uses", "using")) {
            t.take(word);
        }
    }

    private static void takeFirst(Tokens t, Map<String, String> phrases, Consumer<String> set) {
        for (Map.Entry<String, String> phrase : phrases.entrySet()) {
            if (t.take(phrase.getKey())) {
                set.accept(phrase.getValue());
                return;
            }
        }
    }
}
