package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * set env, set resources and set serviceaccount in everyday words: "add FEATURE_X=on to web's environment",
 * "limit api to 500m cpu and 256Mi memory", "run web under the default service account". Found before the
 * general verb rules, whose "add", "remove" and "run" these requests would otherwise trigger.
 */
final class WorkloadSettingsReader {

    private static final Set<String> ENV_WORDS = Set.of("env", "environment", "envvar", "env-var", "variable",
            "variables", "var", "vars");
    private static final Pattern ENV_PAIR = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.]*)=(\\S*)$");
    private static final Pattern ENV_UPPER_PAIR = Pattern.compile("^[A-Z_][A-Z0-9_]*=\\S*$");
    private static final Pattern ENV_REMOVAL = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.]*)-$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Z_][A-Z0-9_]*$");
    private static final Set<String> SETTING_VERBS = Set.of("set", "add", "put", "configure", "update", "change",
            "give", "load", "import", "remove", "unset", "drop", "delete", "turn", "make", "switch", "use", "run",
            "limit", "cap", "request", "needs", "need");
    private static final Set<String> REMOVING = Set.of("remove", "unset", "drop", "delete", "clear");
    private static final Set<String> NOT_SETTINGS = Set.of("label", "labels", "annotate", "annotation", "annotations",
            "show", "list", "get", "describe", "display", "what", "which", "usage", "using", "top", "create", "how");
    private static final Set<String> RESOURCE_NAMES = Set.of("cpu", "cpus", "core", "cores", "memory", "ram", "mem");
    private static final Pattern QUANTITY = Pattern.compile("^([0-9]+(\\.[0-9]+)?)(m|k|Ki|M|Mi|G|Gi|T|Ti)?$");
    private static final Pattern MEMORY_UNIT = Pattern.compile("^[0-9]+(\\.[0-9]+)?(k|Ki|M|Mi|G|Gi|T|Ti)$");
    private static final List<String> LIMIT_MARKERS = List.of("limits", "limit", "at most", "cap", "max", "maximum");
    private static final List<String> REQUEST_MARKERS = List.of("requests", "request", "at least", "reserve",
            "minimum", "guarantee");
    private static final List<String> ACCOUNT_PHRASES = List.of("service account", "serviceaccount", "service-account");
    private static final Set<String> LINKS = Set.of("of", "to", "for", "on", "the", "a", "and", "in", "into", "from",
            "with", "via", "an", "at", "under", "as", "use", "run", "be", "so", "that", "it", "its", "s");

    private WorkloadSettingsReader() {
    }

    /** Which of the three the request asks for, or null; nothing is claimed. */
    static Verb verb(Tokens t) {
        boolean declined = false;
        boolean acting = false;
        boolean envWord = false;
        boolean upperPair = false;
        boolean resourceName = false;
        boolean quantity = false;
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            declined |= NOT_SETTINGS.contains(word);
            acting |= SETTING_VERBS.contains(word);
            envWord |= ENV_WORDS.contains(word);
            upperPair |= ENV_UPPER_PAIR.matcher(t.raw(i)).matches();
            resourceName |= RESOURCE_NAMES.contains(word) || word.startsWith("cpu=") || word.startsWith("memory=");
            quantity |= QUANTITY.matcher(t.raw(i)).matches() || Numbers.isNumber(word) || word.contains("=");
        }
        if (declined) {
            return null;
        }
        boolean marker = LIMIT_MARKERS.stream().anyMatch(t::contains) || REQUEST_MARKERS.stream().anyMatch(t::contains)
                || t.contains("resources");
        if (marker && resourceName && quantity) {
            return Verb.SET_RESOURCES;
        }
        if (envWord && acting || upperPair && acting) {
            return Verb.SET_ENV;
        }
        boolean creating = t.contains("make a") || t.contains("make an") || t.contains("new") || t.contains("add");
        if (acting && !creating && ACCOUNT_PHRASES.stream().anyMatch(t::contains)) {
            return Verb.SET_SERVICEACCOUNT;
        }
        return null;
    }

    static void read(Draft d) {
        switch (d.verb) {
            case SET_ENV -> readEnv(d, d.tokens);
            case SET_RESOURCES -> readResources(d, d.tokens);
            case SET_SERVICEACCOUNT -> readAccount(d, d.tokens);
            default -> {
                // only the three set verbs are read here
            }
        }
    }

    private static void readEnv(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            // "web's environment": the object is web
            if (t.free(i) && t.word(i).endsWith("'s") && t.word(i).length() > 2) {
                t.correct(i, t.word(i).substring(0, t.word(i).length() - 2));
            }
        }
        Map<String, String> env = d.args.env() == null ? new TreeMap<>() : new TreeMap<>(d.args.env());
        List<String> removed = d.args.removeEnv() == null ? new ArrayList<>() : new ArrayList<>(d.args.removeEnv());
        boolean removing = false;
        for (int i = 0; i < t.size(); i++) {
            removing |= REMOVING.contains(t.word(i));
            if (!t.free(i)) {
                continue;
            }
            Matcher pair = ENV_PAIR.matcher(t.raw(i));
            Matcher removal = ENV_REMOVAL.matcher(t.raw(i));
            if (pair.matches()) {
                env.put(pair.group(1), pair.group(2));
                t.use(i);
            } else if (removal.matches()) {
                removed.add(removal.group(1));
                t.use(i);
            }
        }
        for (int i = 0; i < t.size(); i++) {
            // "turn on FEATURE_X ... FEATURE_X=on": the bare name repeats one being set, or names one to remove
            if (t.free(i) && ENV_NAME.matcher(t.raw(i)).matches() && t.raw(i).length() > 1) {
                if (env.containsKey(t.raw(i)) || removed.contains(t.raw(i))) {
                    t.use(i);
                } else if (removing) {
                    removed.add(t.raw(i));
                    t.use(i);
                }
            }
        }
        readEnvSource(d, t);
        d.args.env(env.isEmpty() ? null : env).removeEnv(removed.isEmpty() ? null : removed);
        t.takeEach(ENV_WORDS);
        t.takeEach(Set.of("set", "add", "put", "remove", "unset", "drop", "delete", "load", "import", "turn", "on",
                "configure"));
        if (d.args.env() != null || d.args.removeEnv() != null || d.args.envFrom() != null) {
            d.removing = false;
        }
    }

    /** "load the web-config configmap into web's environment": every key of it, by reference. */
    private static void readEnvSource(Draft d, Tokens t) {
        if (d.args.envFrom() != null) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            int length = t.matches(i, "config map") ? 2 : 1;
            String source = t.word(i).equals("configmap") || length == 2 ? "configmap" : t.word(i).equals("secret") ? "secret" : null;
            if (source == null || !t.free(i)) {
                continue;
            }
            int name = Words.isValue(t, i - 1) ? i - 1 : Words.isValue(t, i + length) ? i + length : -1;
            if (name >= 0) {
                d.args.envFrom(source + "/" + t.word(name));
                t.use(name);
                t.use(i, i + length);
                return;
            }
        }
    }

    /**
     * Quantities in the section of the nearest marker before them ("requests of 500m cpu and limits of 1 cpu"),
     * else after them ("cpu limit 1"); "cpu=1,memory=1Gi" pairs as kubectl takes them. A quantity with a memory
     * unit is memory, any other is cpu, unless a resource word right beside it says otherwise.
     */
    private static void readResources(Draft d, Tokens t) {
        Map<String, String> requests = d.args.requests() == null ? new TreeMap<>() : new TreeMap<>(d.args.requests());
        Map<String, String> limits = d.args.limits() == null ? new TreeMap<>() : new TreeMap<>(d.args.limits());
        List<Integer> limitAt = markers(t, LIMIT_MARKERS);
        List<Integer> requestAt = markers(t, REQUEST_MARKERS);
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String raw = t.raw(i);
            boolean pairs = raw.contains("=");
            Map<String, String> read = pairs ? FlagReader.quantities(raw) : null;
            String amount = pairs ? null : amount(t, i);
            if (read == null && amount == null) {
                continue;
            }
            boolean request = isRequest(i, limitAt, requestAt);
            Map<String, String> section = request ? requests : limits;
            if (read != null) {
                section.putAll(read);
            } else {
                section.put(resourceOf(t, i, amount), amount);
            }
            t.use(i);
        }
        limitAt.forEach(t::use);
        requestAt.forEach(t::use);
        t.takeEach(RESOURCE_NAMES);
        t.takeEach(Set.of("set", "give", "limit", "cap", "resources", "request", "needs", "need", "half", "most", "least"));
        d.args.requests(requests.isEmpty() ? null : requests).limits(limits.isEmpty() ? null : limits);
    }

    private static String amount(Tokens t, int i) {
        Integer number = Numbers.parse(t.word(i));
        if (number != null && !t.raw(i).chars().allMatch(Character::isDigit)) {
            return String.valueOf(number);
        }
        Matcher quantity = QUANTITY.matcher(t.raw(i));
        boolean beside = RESOURCE_NAMES.contains(t.word(i + 1)) || RESOURCE_NAMES.contains(t.word(i - 1))
                || RESOURCE_NAMES.contains(t.word(i + 2)) || RESOURCE_NAMES.contains(t.word(i - 2));
        return quantity.matches() && (quantity.group(3) != null || beside) ? t.raw(i) : null;
    }

    private static String resourceOf(Tokens t, int i, String amount) {
        if (MEMORY_UNIT.matcher(amount).matches()) {
            return "memory";
        }
        if (amount.endsWith("m")) {
            return "cpu";
        }
        for (int k : new int[] {i + 1, i - 1, i - 2, i + 2}) {
            String word = t.word(k);
            if (word.equals("memory") || word.equals("ram") || word.equals("mem")) {
                return "memory";
            }
            if (word.startsWith("cpu") || word.startsWith("core")) {
                return "cpu";
            }
        }
        return "cpu";
    }

    private static boolean isRequest(int at, List<Integer> limits, List<Integer> requests) {
        int limitBefore = limits.stream().filter(m -> m < at).mapToInt(Integer::intValue).max().orElse(-1);
        int requestBefore = requests.stream().filter(m -> m < at).mapToInt(Integer::intValue).max().orElse(-1);
        if (limitBefore >= 0 || requestBefore >= 0) {
            return requestBefore > limitBefore;
        }
        int limitAfter = limits.stream().filter(m -> m > at).mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        int requestAfter = requests.stream().filter(m -> m > at).mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        return requestAfter < limitAfter;
    }

    private static List<Integer> markers(Tokens t, List<String> phrases) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            for (String phrase : phrases) {
                if (t.matches(i, phrase)) {
                    for (int k = 0; k < Tokens.wordCount(phrase); k++) {
                        at.add(i + k);
                    }
                }
            }
        }
        return at;
    }

    /**
     * The service account: the name right after the phrase ("service account checkout"), after "to" when the
     * workload follows "of" ("the service account of api to checkout"), or right before it ("the default
     * service account").
     */
    private static void readAccount(Draft d, Tokens t) {
        for (String phrase : ACCOUNT_PHRASES) {
            int at = t.find(phrase).orElse(-1);
            if (at < 0) {
                continue;
            }
            int after = at + Tokens.wordCount(phrase);
            t.use(at, after);
            int account = -1;
            if (t.word(after).equals("of")) {
                int to = t.find("to").orElse(-1);
                account = to > after && Words.isValue(t, to + 1) ? to + 1 : -1;
                if (account >= 0) {
                    t.use(to);
                }
            } else if (Words.isValue(t, after) && !LINKS.contains(t.word(after))) {
                account = after;
            }
            int before = t.word(at - 1).equals("the") ? at - 2 : at - 1;
            if (account < 0 && Words.isValue(t, before) && !LINKS.contains(t.word(before))) {
                account = before;
            } else if (account < 0 && "default".equals(t.word(before)) && t.free(before)) {
                account = before;
            }
            if (account >= 0) {
                d.args.serviceAccount(t.word(account));
                t.use(account);
            }
            t.takeEach(Set.of("set", "switch", "make", "use", "run", "under", "as", "change"));
            return;
        }
        if (d.kubectlStyle) {
            // kubectl set serviceaccount deployment api checkout: the last of the values is the account
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                if (t.free(i) && (Words.isValue(t, i) || t.word(i).equals("default"))) {
                    values.add(i);
                }
            }
            if (!values.isEmpty() && (d.name != null || values.size() >= 2)) {
                int account = values.get(values.size() - 1);
                d.args.serviceAccount(t.word(account));
                t.use(account);
            }
        }
    }
}
