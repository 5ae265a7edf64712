package io.kubechat.nlp.eval;

import io.kubechat.nlp.kinds.KindLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a corpus file: one request per line as {@code words => kubectl line | risk} or
 * {@code words => ? | -} (the translator must ask), blank lines and {@code #} comments ignored,
 * {@code @namespace NAME} setting the session namespace for the lines after it (default
 * "default") and {@code ## family <op>-<split>-<n>: meaning} starting a paraphrase family whose
 * {@code <op>} the family's requests are counted under.
 */
public final class Corpus {

    private static final Pattern FAMILY = Pattern.compile("^##\\s*family\\s+(\\S+?)(?::|\\s|$).*");
    private static final Pattern FAMILY_ID = Pattern.compile("^(.+)-(train|dev|test)-[0-9]+$");
    private static final Set<String> TWO_WORD_COMMANDS = Set.of("rollout", "set", "auth", "create");

    private Corpus() {
    }

    public static List<CorpusEntry> read(Reader source) throws IOException {
        List<CorpusEntry> entries = new ArrayList<>();
        String namespace = "default";
        String family = null;
        String familyOperation = null;
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            Matcher familyLine = FAMILY.matcher(text);
            if (familyLine.matches()) {
                family = familyLine.group(1);
                Matcher id = FAMILY_ID.matcher(family);
                familyOperation = id.matches() ? id.group(1) : family;
                continue;
            }
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
            String risk = text.substring(bar + 1).strip();
            boolean ask = CorpusEntry.ASK.equals(kubectl);
            if (ask != "-".equals(risk)) {
                throw new IOException("line " + number + ": '? | -' go together: a request to ask about has no risk");
            }
            String operation = familyOperation != null ? familyOperation : ask ? "ask" : operation(kubectl);
            entries.add(new CorpusEntry(number, text.substring(0, arrow).strip(), namespace, kubectl, risk, operation,
                    family));
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
