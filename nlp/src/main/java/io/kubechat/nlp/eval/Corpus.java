package io.kubechat.nlp.eval;

import io.kubechat.nlp.kinds.KindLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a corpus file: one request per line as {@code words => kubectl line | risk}, blank lines
 * and {@code #} comments ignored, and {@code @namespace NAME} setting the session namespace for
 * the lines after it (default "default").
 */
public final class Corpus {

    private static final Set<String> TWO_WORD_COMMANDS = Set.of("rollout", "set", "auth", "create");

    private Corpus() {
    }

    public static List<CorpusEntry> read(Reader source) throws IOException {
        List<CorpusEntry> entries = new ArrayList<>();
        String namespace = "default";
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("@namespace ")) {
                namespace = text.substring("@namespace ".length()).strip();
                continue;
            }
            int arrow = text.lastIndexOf("=>");
            int bar = text.lastIndexOf('|');
            if (arrow < 0 || bar < arrow) {
                throw new IOException("line " + number + ": expected 'request => kubectl ... | risk'");
            }
            String kubectl = text.substring(arrow + 2, bar).strip();
            entries.add(new CorpusEntry(number, text.substring(0, arrow).strip(), namespace, kubectl,
                    text.substring(bar + 1).strip(), operation(kubectl)));
        }
        return entries;
    }

    /** "kubectl rollout restart deployment api -n shop" is counted as "rollout-restart deployment". */
    static String operation(String kubectl) {
        String[] words = kubectl.split(" ");
        if (words.length < 2) {
            return kubectl;
        }
        int at = 1;
        String command = words[at++];
        if (TWO_WORD_COMMANDS.contains(command) && words.length > at) {
            command = command + "-" + words[at++];
        }
        if (command.equals("create-secret")) {
            at++;
        }
        if (command.equals("auth-can-i")) {
            at++;
        }
        String object = words.length > at ? words[at] : "";
        if (command.equals("logs")) {
            object = object.contains("/") ? object.substring(0, object.indexOf('/')) : "pod";
        }
        if (command.equals("explain")) {
            object = object.contains(".") ? object.substring(0, object.indexOf('.')) : object;
        }
        if (object.contains("/")) {
            object = object.substring(0, object.indexOf('/'));
        }
        String resource = object.startsWith("-") ? "" : KindLexicon.builtIn().lookup(object)
                .map(k -> k.singular()).orElse("");
        if (command.equals("events")) {
            resource = "";
        }
        return resource.isEmpty() ? command : command + " " + resource;
    }
}
