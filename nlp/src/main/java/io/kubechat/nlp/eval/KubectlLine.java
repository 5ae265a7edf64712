package io.kubechat.nlp.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kubectl line as kubectl reads it: positional arguments in order and flags as a set, so that
 * "-n shop -o yaml" and "-o yaml -n shop" are the same command, and so are "-n shop" and
 * "--namespace=shop".
 */
public record KubectlLine(List<String> positional, Set<String> flags) {

    /** Flags written with their value as the next word. */
    private static final Set<String> VALUED = Set.of("-n", "--namespace", "-l", "--selector", "-o", "--output",
            "-c", "--container", "-p", "--patch", "--field-selector", "--type", "--image", "--replicas", "--port",
            "--for", "--sort-by", "--tail", "--since", "--from", "--to-revision", "--min", "--max", "--cpu-percent",
            "--target-port", "--from-literal", "--grace-period", "--types", "--schedule", "--verb", "--resource",
            "--role", "--clusterrole", "--user", "--group", "--serviceaccount", "--env", "-e", "--limits",
            "--requests", "--tcp", "--rule");
    private static final Map<String, String> LONG = Map.of("-n", "--namespace", "-l",
            "--selector", "-o", "--output", "-c", "--container", "-p", "--patch", "-A", "--all-namespaces", "-e", "--env");

    public static KubectlLine parse(String line) {
        List<String> words = words(line);
        List<String> positional = new ArrayList<>();
        Set<String> flags = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-")) {
                positional.add(word);
                continue;
            }
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : null;
            if (value == null && VALUED.contains(name) && i + 1 < words.size()) {
                value = words.get(++i);
            }
            name = LONG.getOrDefault(name, name);
            flags.add(value == null ? name : name + "=" + value);
        }
        return new KubectlLine(List.copyOf(positional), Set.copyOf(flags));
    }

    /** Words split on blanks, with single or double quotes keeping a value with blanks in one word. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
