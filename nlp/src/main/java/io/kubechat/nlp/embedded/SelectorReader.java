package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads key=value words (labels to set, literal data, or selectors), "running pods", "on node x", and "all". */
final class SelectorReader {

    private static final Set<String> NODE_LEADS = Set.of("on", "scheduled");
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_./]*)(!?=)([-A-Za-z0-9_.]*)$");
    private static final Pattern KEY_REMOVAL = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_./]*)-$");
    private static final Set<String> FIELD_PREFIXES = Set.of("metadata", "status", "spec", "involvedObject", "type",
            "reason", "source");
    private static final Map<String, String> PHASES = Map.of("running", "Running", "pending", "Pending",
            "failed", "Failed", "succeeded", "Succeeded", "completed", "Succeeded", "unknown", "Unknown");

    private SelectorReader() {
    }

    static void read(Draft d, Tokens t) {
        readKeyValues(d, t);
        readPodFilters(d, t);
        readAll(d, t);
    }

    /** key=value words: labels to set for label and annotate, literal data for create, otherwise selectors. */
    private static void readKeyValues(Draft d, Tokens t) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> removals = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String word = t.raw(i);
            Matcher kv = KEY_VALUE.matcher(word);
            Matcher removal = KEY_REMOVAL.matcher(word);
            if (d.verb == Verb.TAINT || d.verb == Verb.SET_IMAGE || d.verb == Verb.SET_ENV || d.verb == Verb.SET_RESOURCES) {
                continue;
            }
            if (kv.matches()) {
                t.use(i);
                boolean field = FIELD_PREFIXES.contains(kv.group(1).split("\\.")[0]) && kv.group(1).contains(".");
                if (writesKeys(d.verb) && kv.group(2).equals("=")) {
                    values.put(kv.group(1), kv.group(3));
                } else if (field) {
                    d.fieldSelectors.add(word);
                } else {
                    d.labelSelectors.add(word);
                }
                useSelectorWords(t, i);
            } else if (removal.matches() && (d.verb == Verb.LABEL || d.verb == Verb.ANNOTATE)) {
                t.use(i);
                removals.add(removal.group(1));
            }
        }
        if (d.removing && (d.verb == Verb.LABEL || d.verb == Verb.ANNOTATE) && removals.isEmpty()) {
            int key = firstKeyWord(t);
            if (key >= 0) {
                removals.add(t.raw(key));
                t.use(key);
            }
        }
        CommandArgumentsBuilder args = d.args;
        if (d.verb == Verb.LABEL) {
            args.labels(values.isEmpty() ? null : values).removeLabels(removals.isEmpty() ? null : removals);
        } else if (d.verb == Verb.ANNOTATE) {
            args.annotations(values.isEmpty() ? null : values).removeAnnotations(removals.isEmpty() ? null : removals);
        } else if (d.verb == Verb.CREATE && !values.isEmpty()) {
            args.data(values);
        }
        if ((d.verb == Verb.LABEL || d.verb == Verb.ANNOTATE)
                && (t.take("overwrite") || t.take("overwriting") || t.take("replace") || t.take("replacing"))) {
            args.overwrite(true);
        }
    }

    private static boolean writesKeys(Verb verb) {
        return verb == Verb.LABEL || verb == Verb.ANNOTATE || verb == Verb.CREATE;
    }

    private static void useSelectorWords(Tokens t, int i) {
        int k = i - 1;
        while (k >= 0 && t.free(k) && Set.of("with", "label", "labels", "labeled", "labelled", "where", "matching",
                "having", "selector", "the", "that", "have", "has", "whose", "is", "are").contains(t.word(k))) {
            t.use(k--);
        }
    }

    private static int firstKeyWord(Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && t.word(i).matches("^[a-z0-9][-a-z0-9_./]*$") && !Vocabulary.isStopWord(t.word(i))) {
                return i;
            }
        }
        return -1;
    }

    /** "running pods", "failed pods", "pods on node worker-1". */
    private static void readPodFilters(Draft d, Tokens t) {
        boolean listing = d.verb == null || d.verb == Verb.GET || d.verb == Verb.DELETE;
        if (!listing || d.kind != null && !d.kind.is("Pod")) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            String phase = PHASES.get(t.word(i));
            if (t.free(i) && phase != null) {
                boolean negated = t.word(i - 1).equals("not") && t.free(i - 1);
                d.fieldSelectors.add("status.phase" + (negated ? "!=" : "=") + phase);
                t.use(negated ? i - 1 : i, i + 1);
                break;
            }
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            boolean on = t.free(i) && NODE_LEADS.contains(t.word(i));
            int node = t.word(i + 1).equals("node") || t.word(i + 1).equals("the") ? i + 2 : i + 1;
            if (t.word(node).equals("node")) {
                node++;
            }
            if (on && Words.isValue(t, node)) {
                d.fieldSelectors.add("spec.nodeName=" + t.word(node));
                t.use(i, node + 1);
                if (t.word(node + 1).equals("node")) {
                    t.use(node + 1);
                }
                return;
            }
        }
    }

    /** "all pods", "every deployment": the request means every object of the kind, not an unnamed one. */
    private static void readAll(Draft d, Tokens t) {
        if (d.name == null && (t.take("all the") || t.take("all") || t.take("every") || t.take("everything"))) {
            d.everything = true;
        }
    }
}
