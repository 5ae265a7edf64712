package io.kubechat.nlp.embedded;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes from a request everything that must never reach a command: shell syntax (pipes,
 * separators, substitutions, redirections), any second command, and identity or credential
 * flags. What it drops is reported, without echoing credential values.
 */
public final class RequestSanitizer {

    /** Longer requests are cut: no sensible request is this long, and it bounds parsing time. */
    public static final int MAX_LENGTH = 500;

    private static final Pattern SHELL = Pattern.compile("[;|&`$<>\\n\\r\\\\]");
    private static final Set<String> IDENTITY_FLAGS = Set.of("--as", "--as-group", "--as-uid", "--token", "--kubeconfig",
            "--server", "-s", "--context", "--cluster", "--user", "--username", "--password", "--client-certificate",
            "--client-key", "--certificate-authority", "--insecure-skip-tls-verify", "--tls-server-name", "--cache-dir");
    private static final Set<String> VALUELESS_IDENTITY_FLAGS = Set.of("--insecure-skip-tls-verify");
    private static final Pattern NATURAL_IDENTITY = Pattern.compile(
            "\\b(sudo|impersonat\\w*( user| as)?( [\\w:@.-]+)?|as (the )?(user|group|service account|serviceaccount) [\\w:@.-]+"
                    + "|as (cluster-admin|admin|root|system:[\\w:.-]+))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECOND_COMMAND = Pattern.compile(
            "\\s*(,\\s*)?\\b(and then|then|after that|afterwards|followed by)\\b.*", Pattern.CASE_INSENSITIVE);

    private static final String IMPERATIVES = "delete|remove|scale|restart|drain|cordon|uncordon|create|label|annotate"
            + "|taint|expose|autoscale|patch|apply|kill|destroy|rollback|undo|show|list|get|describe|run|exec|set|update";
    /** "scale api to 3 and restart it": a second verb after "and" starts a second command. */
    private static final Pattern SECOND_IMPERATIVE = Pattern.compile("\\s*,?\\s+and\\s+(please\\s+)?(" + IMPERATIVES
            + ")\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPERATIVE_BEFORE = Pattern.compile("\\b(" + IMPERATIVES + "|kubectl)\\b",
            Pattern.CASE_INSENSITIVE);

    /** kubectl create rolebinding --user=NAME: there --user names whom the binding grants, not who acts. */
    private static final Pattern CREATES_BINDING = Pattern.compile("\\bcreate\\s+(cluster)?rolebinding\\b", Pattern.CASE_INSENSITIVE);
    /** "a role that can get, list and update pods": in a role, "and update" is one more verb it allows. */
    private static final Pattern ABOUT_A_ROLE = Pattern.compile("\\b(cluster ?)?roles?\\b", Pattern.CASE_INSENSITIVE);

    public SanitizedRequest sanitize(String raw) {
        List<String> dropped = new ArrayList<>();
        String text = raw == null ? "" : raw;
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH);
            dropped.add("everything after the first " + MAX_LENGTH + " characters");
        }
        if (!isPlainAscii(text)) {
            text = stripInvisible(Normalizer.normalize(text, Normalizer.Form.NFKC));
        }
        Matcher shell = SHELL.matcher(text);
        if (shell.find()) {
            // not echoed: what follows shell syntax may carry a credential
            dropped.add("shell syntax ('" + shell.group().replace("\n", "newline").replace("\r", "newline") + "') and everything after it: "
                    + "KubeChat runs one Kubernetes command, never a shell");
            text = text.substring(0, shell.start());
        }
        Matcher second = SECOND_COMMAND.matcher(text);
        if (second.find() && second.start() > 0) {
            dropped.add("a second command (" + abbreviate(text.substring(second.start()).strip())
                    + "): send one request at a time");
            text = text.substring(0, second.start());
        }
        Matcher and = SECOND_IMPERATIVE.matcher(text);
        if (and.find() && IMPERATIVE_BEFORE.matcher(text.substring(0, and.start())).find() && !ABOUT_A_ROLE.matcher(text).find()) {
            dropped.add("a second command (" + abbreviate(text.substring(and.start()).strip())
                    + "): send one request at a time");
            text = text.substring(0, and.start());
        }
        text = dropIdentityFlags(text, dropped, CREATES_BINDING.matcher(text).find());
        Matcher identity = NATURAL_IDENTITY.matcher(text);
        if (identity.find()) {
            dropped.add("the request to act as someone else: KubeChat always acts as you, with your own rights");
            text = identity.replaceAll(" ");
        }
        return new SanitizedRequest(text.strip(), dropped);
    }

    private static String dropIdentityFlags(String text, List<String> dropped, boolean bindingSubjects) {
        String[] words = text.split("\\s+");
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (IDENTITY_FLAGS.contains(flag.toLowerCase(Locale.ROOT)) && !(bindingSubjects && "--user".equals(flag))) {
                dropped.add(flag + " and its value: KubeChat always acts as you, on the cluster of your session");
                if (!word.contains("=") && !VALUELESS_IDENTITY_FLAGS.contains(flag) && i + 1 < words.length) {
                    i++;
                }
                continue;
            }
            kept.append(word).append(' ');
        }
        return kept.toString();
    }

    /** Printable ASCII needs neither normalisation nor stripping; most requests are. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String stripInvisible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\n' || cp == '\r') {
                out.append('\n');
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
