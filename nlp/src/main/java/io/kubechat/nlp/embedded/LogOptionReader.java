package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the options of logs and events: how far back ("last 10 minutes"), how many lines, which container, the previous instance. */
final class LogOptionReader {

    private static final Set<String> TAIL_WORDS = Set.of("tail", "last");
    private static final Set<String> LINE_WORDS = Set.of("lines", "line");
    private static final Set<String> DURATION_LEADS = Set.of("last", "past", "since", "previous", "recent");
    private static final Pattern DURATION = Pattern.compile("^([0-9]+)(s|m|h|d)$");
    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("s", "s"), Map.entry("sec", "s"),
            Map.entry("secs", "s"), Map.entry("second", "s"), Map.entry("seconds", "s"), Map.entry("m", "m"),
            Map.entry("min", "m"), Map.entry("mins", "m"), Map.entry("minute", "m"), Map.entry("minutes", "m"),
            Map.entry("h", "h"), Map.entry("hr", "h"), Map.entry("hrs", "h"), Map.entry("hour", "h"),
            Map.entry("hours", "h"), Map.entry("d", "d"), Map.entry("day", "d"), Map.entry("days", "d"));

    private LogOptionReader() {
    }

    static void read(Draft d, Tokens t) {
        readDuration(d, t);
        if (d.verb == Verb.LOGS) {
            readLogs(d, t);
        }
        readContainer(d, t);
    }

    /** "in the last 10 minutes", "past hour", "since 2h", "last 30m". */
    private static void readDuration(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String word = t.word(i);
            boolean lead = DURATION_LEADS.contains(word);
            if (!lead) {
                continue;
            }
            Matcher compact = DURATION.matcher(t.word(i + 1));
            if (t.free(i + 1) && compact.matches()) {
                d.args.since(since(Integer.parseInt(compact.group(1)), compact.group(2)));
                useWithPreposition(t, i, i + 2);
                return;
            }
            Integer amount = Numbers.parse(t.word(i + 1));
            String unit = UNITS.get(t.word(i + 2));
            if (amount != null && unit != null && t.free(i + 1) && t.free(i + 2)) {
                d.args.since(since(amount, unit));
                useWithPreposition(t, i, i + 3);
                return;
            }
            String bare = UNITS.get(t.word(i + 1));
            if (bare != null && t.free(i + 1) && t.word(i + 1).length() > 2) {
                d.args.since(since(1, bare));
                useWithPreposition(t, i, i + 2);
                return;
            }
        }
    }

    private static String since(int amount, String unit) {
        return unit.equals("d") ? (amount * 24) + "h" : amount + unit;
    }

    private static void useWithPreposition(Tokens t, int from, int toExclusive) {
        int start = from;
        if (t.word(start - 1).equals("the") && t.free(start - 1)) {
            start--;
        }
        if (Set.of("in", "over", "for", "from", "during").contains(t.word(start - 1)) && t.free(start - 1)) {
            start--;
        }
        t.use(start, toExclusive);
    }

    private static void readLogs(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && Numbers.isNumber(t.word(i)) && LINE_WORDS.contains(t.word(i + 1))) {
                d.args.tailLines(Numbers.parse(t.word(i)));
                t.use(i, i + 2);
                if (t.free(i - 1) && Set.of("last", "final", "latest").contains(t.word(i - 1))) {
                    t.use(i - 1);
                }
                break;
            }
            if (t.free(i) && TAIL_WORDS.contains(t.word(i)) && Numbers.isNumber(t.word(i + 1))
                    && t.free(i + 1)) {
                d.args.tailLines(Numbers.parse(t.word(i + 1)));
                t.use(i, i + 2);
                break;
            }
        }
        for (String phrase : List.of("before it crashed", "before the crash", "before crashing", "previous container",
                "previous instance", "previous run", "last run", "crashed container", "previous", "crashed", "prior")) {
            if (t.take(phrase)) {
                d.args.previous(true);
                return;
            }
        }
    }

    /** "container app", "the sidecar container", "in container app". */
    private static void readContainer(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i) || !t.word(i).equals("container")) {
                continue;
            }
            int first;
            if (t.free(i + 1) && ScopeReader.DNS_LABEL.matcher(t.word(i + 1)).matches()
                    && !Set.of("in", "of", "for", "named", "called", "the", "to").contains(t.word(i + 1))) {
                d.args.container(t.word(i + 1));
                t.use(i, i + 2);
                first = i;
            } else if (Words.isValue(t, i - 1)) {
                d.args.container(t.word(i - 1));
                t.use(i - 1, i + 1);
                first = i - 1;
            } else {
                continue;
            }
            if (t.free(first - 1) && t.word(first - 1).equals("the")) {
                t.use(--first);
            }
            if (t.free(first - 1) && Set.of("in", "from", "of", "for").contains(t.word(first - 1))) {
                t.use(first - 1);
            }
            return;
        }
    }
}
