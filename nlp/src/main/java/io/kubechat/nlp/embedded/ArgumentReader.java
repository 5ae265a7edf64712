package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Taint;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the options each verb takes (counts, images, ports, taints, what to create), after the shared readers. */
final class ArgumentReader {

    private static final Set<String> IMAGE_LEADS = Set.of("image", "using", "from", "running");
    private static final Pattern TAINT = Pattern.compile(
            "^([A-Za-z0-9][-A-Za-z0-9_./]*)(=([-A-Za-z0-9_.]*))?(:(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE = Pattern.compile("^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$");
    private static final Pattern PERCENT = Pattern.compile("^([0-9]{1,3})%$");
    private static final Set<String> COUNTED_NOUNS = Set.of("replicas", "replica", "instances", "copies");

    void read(Draft d) {
        Tokens t = d.tokens;
        readNamed(d, t);
        ShapeReader.read(d, t);
        LogOptionReader.read(d, t);
        if (d.verb == Verb.EVENTS && ("warnings".equals(d.trigger) || "warning".equals(d.trigger)
                || t.take("warnings") || t.take("warning"))) {
            d.args.warningsOnly(true);
        }
        if (d.verb == Verb.CREATE && (d.schedulesJob || d.kind != null && d.kind.is("CronJob"))) {
            // before "every" can be read as every object: "every 5 minutes" is the schedule
            readCronJob(d, t);
        }
        SelectorReader.read(d, t);
        for (String word : List.of("rollout", "rollouts", "roll-out")) {
            t.take(word);
        }
        switch (d.verb == null ? Verb.GET : d.verb) {
            case SCALE -> {
                if (d.args.replicas() == null) {
                    d.args.replicas(firstNumber(t, List.of("to", "replicas", "replica", "="), true));
                }
            }
            case SET_IMAGE -> readImage(d, t);
            case SET_ENV, SET_RESOURCES, SET_SERVICEACCOUNT -> WorkloadSettingsReader.read(d);
            case EXPOSE -> readExpose(d, t);
            case AUTOSCALE -> readAutoscale(d, t);
            case ROLLOUT_UNDO -> {
                if (d.args.toRevision() == null) {
                    d.args.toRevision(toLong(firstNumber(t, List.of("revision", "to"), false)));
                }
            }
            case TAINT -> readTaints(d, t);
            case DRAIN -> readDrain(d, t);
            case CREATE -> readCreate(d, t);
            case AUTH_CAN_I -> readAccessVerb(d, t);
            case TOP -> ShapeReader.readTopSort(d, t);
            default -> {
                // the other verbs take only the shared options read above
            }
        }
    }

    private static void readNamed(Draft d, Tokens t) {
        for (String marker : List.of("named", "called", "with name", "by name", "name", "call it")) {
            int at = t.find(marker).orElse(-1);
            int value = at + Tokens.wordCount(marker);
            if (at >= 0 && t.free(value) && ScopeReader.DNS_LABEL.matcher(t.word(value)).matches()) {
                d.name = t.word(value);
                t.use(at, value + 1);
                return;
            }
        }
    }

    /**
     * The first number right after one of the markers ("to 3", "port 80"), or right before a
     * counted noun ("3 replicas"), or (when {@code anywhere}) any number.
     */
    private static Integer firstNumber(Tokens t, List<String> markers, boolean anywhere) {
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && Numbers.isNumber(t.word(i))) {
                boolean before = markers.contains(t.word(i - 1));
                boolean after = COUNTED_NOUNS.contains(t.word(i + 1)) && markers.contains(t.word(i + 1));
                if (before || after || anywhere) {
                    t.use(i);
                    if (before && t.free(i - 1)) {
                        t.use(i - 1);
                    }
                    return Numbers.parse(t.word(i));
                }
            }
        }
        return null;
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    /** "to nginx:1.27", "app=api:v2" (container=image), or any word that looks like an image reference. */
    private static void readImage(Draft d, Tokens t) {
        String container = d.args.container();
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String raw = t.raw(i);
            int eq = raw.indexOf('=');
            if (eq > 0 && IMAGE.matcher(raw.substring(eq + 1)).matches()) {
                d.args.images(Map.of(raw.substring(0, eq).toLowerCase(), raw.substring(eq + 1)));
                t.use(i);
                return;
            }
            if ((raw.contains(":") || raw.contains("/")) && IMAGE.matcher(raw).matches()) {
                d.args.images(Map.of(container == null ? "*" : container, raw));
                d.args.container(null);
                t.use(i);
                return;
            }
        }
    }

    private static void readExpose(Draft d, Tokens t) {
        if (d.args.targetPort() == null) {
            d.args.targetPort(firstNumber(t, List.of("targetport", "target-port", "targeting", "target", "forwarding"),
                    false));
        }
        if (d.args.port() == null) {
            d.args.port(firstNumber(t, List.of("port", "on"), true));
        }
        if (d.args.serviceType() == null) {
            readServiceType(d, t);
        }
    }

    private static void readServiceType(Draft d, Tokens t) {
        for (String phrase : List.of("node port", "nodeport", "load balancer", "loadbalancer", "cluster ip", "clusterip",
                "lb")) {
            if (t.take(phrase)) {
                d.args.serviceType(ServiceTypes.canonical(phrase));
                t.take("service");
                t.take("type");
                return;
            }
        }
    }

    private static void readAutoscale(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            Matcher percent = PERCENT.matcher(t.word(i));
            if (d.args.cpuPercent() != null) {
                break;
            }
            if (t.free(i) && percent.matches()) {
                d.args.cpuPercent(Integer.parseInt(percent.group(1)));
                t.use(i);
            } else if (t.free(i) && Numbers.isNumber(t.word(i)) && t.word(i + 1).equals("percent")) {
                d.args.cpuPercent(Numbers.parse(t.word(i)));
                t.use(i, i + 2);
            }
        }
        for (String word : List.of("create", "add", "set up", "configure", "enable", "turn on", "make")) {
            t.take(word);
        }
        if (d.args.minReplicas() == null) {
            d.args.minReplicas(firstNumber(t, List.of("min", "minimum", "least", "between", "from"), false));
        }
        if (d.args.maxReplicas() == null) {
            d.args.maxReplicas(firstNumber(t, List.of("max", "maximum", "most", "and", "to"), false));
        }
        if (d.args.cpuPercent() == null) {
            d.args.cpuPercent(firstNumber(t, List.of("cpu"), false));
        }
        t.take("cpu");
    }

    private static void readTaints(Draft d, Tokens t) {
        List<Taint> taints = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Matcher m = TAINT.matcher(t.raw(i));
            if (!t.free(i) || !m.matches()) {
                continue;
            }
            boolean plainKey = m.group(2) == null && m.group(4) == null && m.group(6) == null;
            // a plain word is a key only when removing, and not the node it is removed from
            if (plainKey && (!d.removing || Vocabulary.isStopWord(t.word(i))
                    || Set.of("from", "on", "node", "of").contains(t.word(i - 1)))) {
                continue;
            }
            t.use(i);
            boolean remove = d.removing || m.group(6) != null;
            taints.add(new Taint(m.group(1), m.group(3), effect(m.group(5)), remove ? Boolean.TRUE : null));
        }
        String effect = null;
        for (String word : List.of("noschedule", "no schedule", "prefernoschedule", "prefer no schedule", "noexecute",
                "no execute")) {
            if (t.take(word)) {
                effect = effect(word.replace(" ", ""));
                break;
            }
        }
        if (effect != null) {
            String chosen = effect;
            taints.replaceAll(x -> x.effect() == null ? new Taint(x.key(), x.value(), chosen, x.remove()) : x);
        }
        d.args.taints(taints.isEmpty() ? null : taints);
    }

    private static String effect(String written) {
        if (written == null) {
            return null;
        }
        return switch (written.toLowerCase()) {
            case "noschedule" -> "NoSchedule";
            case "prefernoschedule" -> "PreferNoSchedule";
            default -> "NoExecute";
        };
    }

    private static void readDrain(Draft d, Tokens t) {
        if (t.take("ignoring daemonsets") || t.take("ignore daemonsets") || t.take("ignore the daemonsets")
                || t.take("ignoring the daemonsets") || t.take("ignore daemon sets")) {
            d.args.ignoreDaemonSets(true);
        }
        if (t.take("deleting emptydir data") || t.take("delete emptydir data") || t.take("including emptydir data")
                || t.take("even with emptydir")) {
            d.args.deleteEmptyDirData(true);
        }
    }

    private static void readCreate(Draft d, Tokens t) {
        if (d.kind != null && d.kind.is("Service")) {
            readService(d, t);
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && t.word(i).equals("from")) {
                int cron = t.word(i + 1).equals("the") ? i + 2 : i + 1;
                if (Set.of("cronjob", "cron", "cj").contains(t.word(cron)) && Words.isValue(t, cron + 1)) {
                    d.args.fromCronJob(t.word(cron + 1));
                    t.use(i, cron + 2);
                } else if (Words.isValue(t, cron) && Set.of("cronjob", "cron").contains(t.word(cron + 1))) {
                    d.args.fromCronJob(t.word(cron));
                    t.use(i, cron + 2);
                }
            }
        }
        for (int i = 0; i < t.size(); i++) {
            String raw = t.raw(i);
            boolean marked = IMAGE_LEADS.contains(t.word(i - 1));
            if (t.free(i) && (marked || raw.contains(":") || raw.contains("/")) && IMAGE.matcher(raw).matches()
                    && !Vocabulary.isStopWord(raw) && d.args.image() == null && d.args.fromCronJob() == null
                    && (marked || raw.contains(":"))) {
                d.args.image(raw);
                t.use(i);
                if (marked) {
                    t.use(i - 1);
                }
            }
        }
        if (d.args.replicas() == null) {
            d.args.replicas(firstNumber(t, List.of("replicas", "replica", "instances", "copies"), false));
        }
    }

    /** A cron job's schedule, and its image: marked ("with image busybox") or what is run or scheduled. */
    private static void readCronJob(Draft d, Tokens t) {
        if (d.kind == null) {
            d.kind = KindLexicon.builtIn().byKind("CronJob").orElseThrow();
            d.kindImplied = false;
        }
        if (d.args.schedule() == null) {
            d.args.schedule(Schedules.read(t));
        }
        for (int i = 0; i < t.size() && d.args.image() == null; i++) {
            boolean lead = IMAGE_LEADS.contains(t.word(i - 1)) || Set.of("run", "schedule", "runs").contains(t.word(i - 1));
            if (t.free(i) && lead && IMAGE.matcher(t.raw(i)).matches() && !Vocabulary.isStopWord(t.word(i))) {
                d.args.image(t.raw(i));
                t.use(i);
                if (t.free(i - 1)) {
                    t.use(i - 1);
                }
            }
        }
    }

    /** kubectl create service TYPE: its type, "port 80 to 8080" or "tcp 80:8080", and a node port. */
    private static void readService(Draft d, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String[] pair = t.word(i).split(":");
            if (pair.length == 2 && Numbers.isNumber(pair[0]) && Numbers.isNumber(pair[1]) && d.args.port() == null) {
                d.args.port(Numbers.parse(pair[0])).targetPort(Numbers.parse(pair[1]));
                t.use(i);
                t.take("tcp");
            } else if ((t.matches(i, "node port") || t.word(i).equals("nodeport")) && d.args.nodePort() == null) {
                int number = i + (t.word(i).equals("nodeport") ? 1 : 2);
                if (Numbers.isNumber(t.word(number))) {
                    d.args.nodePort(Numbers.parse(t.word(number)));
                    t.use(i, number + 1);
                }
            }
        }
        if (d.args.serviceType() == null) {
            readServiceType(d, t);
            if (d.args.serviceType() == null && t.take("internal")) {
                d.args.serviceType("ClusterIP");
            }
        }
        if (d.args.port() == null) {
            d.args.port(firstNumber(t, List.of("port", "on"), false));
        }
        if (d.args.port() != null && d.args.targetPort() == null) {
            d.args.targetPort(firstNumber(t, List.of("to", "targeting", "target", "targetport"), false));
        }
        for (String word : List.of("mapping", "going", "with", "port", "tcp")) {
            t.take(word);
        }
    }

    private static void readAccessVerb(Draft d, Tokens t) {
        Map<String, String> verbs = Map.ofEntries(Map.entry("get", "get"), Map.entry("see", "get"),
                Map.entry("read", "get"), Map.entry("view", "get"), Map.entry("list", "list"),
                Map.entry("watch", "watch"), Map.entry("create", "create"), Map.entry("make", "create"),
                Map.entry("update", "update"), Map.entry("edit", "update"), Map.entry("change", "update"),
                Map.entry("modify", "update"), Map.entry("patch", "patch"), Map.entry("delete", "delete"),
                Map.entry("remove", "delete"), Map.entry("scale", "update"), Map.entry("deletecollection", "deletecollection"));
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && verbs.containsKey(t.word(i))) {
                d.args.accessVerb(verbs.get(t.word(i)));
                t.use(i);
                return;
            }
        }
    }
}
