package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what the request asks to do. A kubectl line is read by its subcommand; everyday words by
 * trigger phrases tried in a fixed order, most specific first, so "show the logs" is logs and not
 * get, and "remove the label" is label and not delete. Destructive verbs have only exact triggers.
 */
final class VerbReader {

    private static final Map<String, Verb> KUBECTL_SUBCOMMANDS = Map.ofEntries(Map.entry("get", Verb.GET),
            Map.entry("describe", Verb.DESCRIBE), Map.entry("logs", Verb.LOGS), Map.entry("log", Verb.LOGS),
            Map.entry("events", Verb.EVENTS), Map.entry("top", Verb.TOP), Map.entry("scale", Verb.SCALE),
            Map.entry("label", Verb.LABEL), Map.entry("annotate", Verb.ANNOTATE), Map.entry("cordon", Verb.CORDON),
            Map.entry("uncordon", Verb.UNCORDON), Map.entry("drain", Verb.DRAIN), Map.entry("taint", Verb.TAINT),
            Map.entry("create", Verb.CREATE), Map.entry("expose", Verb.EXPOSE), Map.entry("autoscale", Verb.AUTOSCALE),
            Map.entry("patch", Verb.PATCH), Map.entry("delete", Verb.DELETE), Map.entry("explain", Verb.EXPLAIN),
            Map.entry("api-resources", Verb.API_RESOURCES), Map.entry("version", Verb.VERSION),
            Map.entry("cluster-info", Verb.CLUSTER_INFO));
    private static final Map<String, Verb> SET_SUBCOMMANDS = Map.of("image", Verb.SET_IMAGE, "env", Verb.SET_ENV,
            "resources", Verb.SET_RESOURCES, "serviceaccount", Verb.SET_SERVICEACCOUNT, "sa", Verb.SET_SERVICEACCOUNT);
    private static final Map<String, Verb> ROLLOUT_SUBCOMMANDS = Map.of("status", Verb.ROLLOUT_STATUS,
            "history", Verb.ROLLOUT_HISTORY, "restart", Verb.ROLLOUT_RESTART, "undo", Verb.ROLLOUT_UNDO,
            "pause", Verb.ROLLOUT_PAUSE, "resume", Verb.ROLLOUT_RESUME);

    /** The word after "rollout" in everyday phrasing, first match wins; status when none. */
    private static final List<Map.Entry<String, Verb>> ROLLOUT_WORDS = List.of(
            Map.entry("history", Verb.ROLLOUT_HISTORY), Map.entry("revisions", Verb.ROLLOUT_HISTORY),
            Map.entry("restart", Verb.ROLLOUT_RESTART), Map.entry("undo", Verb.ROLLOUT_UNDO),
            Map.entry("pause", Verb.ROLLOUT_PAUSE), Map.entry("resume", Verb.ROLLOUT_RESUME),
            Map.entry("status", Verb.ROLLOUT_STATUS));

    private static final List<Rule> RULES = List.of(
            new Rule(Verb.AUTH_CAN_I, "auth can-i", "can-i", "am i allowed to", "am i allowed", "am i permitted to",
                    "do i have permission to", "do i have permissions to", "do i have permission", "do i have access to",
                    "do i have the right to", "do i have rights to", "check if i can", "check whether i can",
                    "is it allowed for me to", "may i"),
            new Rule(Verb.API_RESOURCES, "api-resources", "api resources", "resource types", "what kinds", "which kinds",
                    "kinds of resources", "kinds of objects", "available resources", "supported resources",
                    "resource kinds", "types of resources", "object types"),
            new Rule(Verb.CLUSTER_INFO, "cluster-info", "cluster info", "cluster information", "cluster endpoints",
                    "control plane address", "api server address", "where is the api server",
                    "where is the control plane", "cluster details", "control plane endpoint"),
            new Rule(Verb.EXPLAIN, "explain", "what is a", "what is an", "what's a", "what's an", "whats a",
                    "documentation for", "docs for", "definition of", "schema of", "schema for", "what does the field"),
            new Rule(Verb.TAINT, "untaint", "remove the taint", "remove taint", "delete the taint", "delete taint",
                    "taint"),
            new Rule(Verb.ANNOTATE, "annotate", "unannotate", "add annotation", "add an annotation", "add the annotation",
                    "add annotations", "set annotation", "set the annotation", "remove annotation", "remove the annotation",
                    "delete annotation", "delete the annotation", "drop the annotation", "drop annotation"),
            new Rule(Verb.LABEL, "unlabel", "relabel", "add label", "add a label", "add the label", "add labels",
                    "set label", "set the label", "set labels", "remove label", "remove the label", "remove labels",
                    "delete label", "delete the label", "drop the label", "drop label", "put label", "put a label",
                    "tag", "label"),
            new Rule(Verb.UNCORDON, "uncordon", "make schedulable", "mark schedulable", "allow scheduling",
                    "enable scheduling", "resume scheduling", "re-enable scheduling", "schedulable again"),
            new Rule(Verb.CORDON, "cordon", "unschedulable", "stop scheduling", "disable scheduling",
                    "prevent scheduling", "block scheduling", "no new pods"),
            new Rule(Verb.DRAIN, "drain", "evacuate", "evict everything from", "evict everything", "evict all pods from",
                    "all the pods off", "all pods off", "everything off", "pods off"),
            new Rule(Verb.ROLLOUT_UNDO, "roll back", "rollback", "undo", "revert", "go back", "back to revision",
                    "back to the previous", "back to previous"),
            new Rule(Verb.ROLLOUT_STATUS, "rollout", "roll-out", "roll out", "rolled out", "rolling out"),
            new Rule(Verb.ROLLOUT_HISTORY, "revision history", "history"),
            new Rule(Verb.AUTOSCALE, "autoscale", "auto-scale", "auto scale", "autoscaling", "hpa for",
                    "autoscaler for"),
            new Rule(Verb.SCALE, "scale up", "scale down", "scale", "scaling", "rescale", "resize", "set the replicas",
                    "set replicas", "change the replicas", "change replicas", "replicas to", "replica count to"),
            new Rule(Verb.SET_IMAGE, "set image", "set the image", "update the image", "update image",
                    "change the image", "change image", "switch the image", "switch image", "use image",
                    "image to", "upgrade", "downgrade", "bump the image", "bump image"),
            new Rule(Verb.EXPOSE, "expose", "publish"),
            new Rule(Verb.PATCH, "unsuspend", "suspend", "unpause", "pause", "resume", "disable", "enable", "re-enable"),
            new Rule(Verb.ROLLOUT_RESTART, "rolling restart", "restart", "bounce", "redeploy", "recycle", "reboot",
                    "relaunch", "respawn", "fresh start", "cycle", "kick", "roll"),
            new Rule(Verb.CREATE, "create", "make", "add", "set up", "spin up", "provision", "generate"),
            new Rule(Verb.DELETE, "delete", "remove", "destroy", "kill", "terminate", "get rid of", "nuke", "wipe",
                    "erase", "rm", "del", "purge", "evict", "tear down", "take down"),
            new Rule(Verb.LOGS, "logs", "log", "logfile", "logged", "logging", "output of", "printing", "stdout",
                    "stderr", "log lines", "lines"),
            new Rule(Verb.EVENTS, "events", "event", "what happened", "warnings", "warning"),
            new Rule(Verb.TOP, "top", "cpu", "memory", "resource usage", "usage", "consumption", "consuming",
                    "utilization", "utilisation", "metrics"),
            new Rule(Verb.VERSION, "version"),
            new Rule(Verb.DIAGNOSE, "diagnose", "what's wrong with", "what is wrong with", "whats wrong with",
                    "what's up with", "why is", "why are", "why does", "why did", "why isn't", "why won't", "why aren't",
                    "debug", "troubleshoot", "investigate", "healthy", "unhealthy", "problem with", "issue with"),
            new Rule(Verb.DESCRIBE, "describe", "details of", "details about", "details for", "details", "detail",
                    "detailed", "tell me more about", "tell me about", "inspect", "info about", "information about",
                    "info on"),
            new Rule(Verb.GET, "get", "list", "show", "display", "see", "view", "how many", "are there", "find",
                    "look at", "check", "print", "fetch", "give me", "ls", "enumerate", "status of", "is there",
                    "what", "which"));

    /** Verbs that stop something with their particle: "switch off", "shut down", "take ... offline". */
    private static final Map<String, Set<String>> STOPPING = Map.of("turn", Set.of("off"), "switch", Set.of("off"),
            "shut", Set.of("down", "off"), "bring", Set.of("down"), "take", Set.of("down", "offline"), "power", Set.of("off"));
    /** Words that leave no doubt a stop means no pods at all. */
    private static final List<String> PLAINLY_ZERO = List.of("completely", "for now", "zero replicas", "zero pods",
            "to no replicas", "no replicas", "no pods", "entirely");
    private static final Set<String> RESIZE_WORDS = Set.of("bump", "crank", "grow", "shrink", "reduce", "increase",
            "decrease", "trim", "cut", "raise", "lower", "upscale", "downscale");
    /** What a request that grows or shrinks these is about, rather than replicas: "cut the log to 20 lines". */
    private static final Set<String> NOT_RESIZED = Set.of("image", "images", "log", "logs", "line", "lines", "tail",
            "memory", "cpu", "limit", "limits", "requests", "storage", "volume", "disk", "timeout", "history");
    private static final Set<String> REPLICA_NOUNS = Set.of("replicas", "replica", "instances", "copies");
    private static final Set<String> POD_COUNT_NOUNS = Set.of("pods", "pod", "replicas", "replica", "instances", "copies");
    private static final Set<String> WANTING_WORDS = Set.of("needs", "need", "have", "has", "want", "wants", "run", "runs",
            "keep", "give", "with");
    private static final Set<String> PERMISSION_VERBS = Set.of("create", "delete", "update", "patch", "edit", "modify",
            "remove", "scale", "watch");
    private static final List<String> TRIGGER_CRONJOB = List.of("trigger", "run", "kick off", "start", "execute", "fire");
    private static final List<String> CRONJOB_WORDS = List.of("cronjob", "cronjobs", "cron job", "cj", "cron");
    private static final List<String> SELECTOR_PREFIXES = List.of("with", "by", "having", "has", "where", "matching",
            "whose", "selector");

    /** Every single word any trigger phrase uses. */
    static List<String> triggerWords() {
        return RULES.stream().flatMap(r -> java.util.Arrays.stream(r.phrases()))
                .flatMap(p -> java.util.Arrays.stream(p.split(" "))).distinct().toList();
    }

    /** Whether the word is one of kubectl's verbs ("delete", "scale"): left over, it is a second action. */
    static boolean isVerbWord(String word) {
        return KUBECTL_SUBCOMMANDS.containsKey(word) || "restart".equals(word) || "rollout".equals(word);
    }

    void read(Draft draft) {
        Tokens t = draft.tokens;
        if (draft.kubectlStyle) {
            readSubcommand(draft, t);
            return;
        }
        if (asksPermission(t)) {
            draft.verb = Verb.AUTH_CAN_I;
            return;
        }
        if (GrantReader.asksForGrant(t)) {
            draft.verb = Verb.CREATE;
            draft.granting = true;
            return;
        }
        Verb setting = WorkloadSettingsReader.verb(t);
        if (setting != null) {
            draft.verb = setting;
            return;
        }
        if (Schedules.mentions(t) && (mentionsCronJob(t) || t.word(firstFree(t)).equals("schedule"))
                && (takeAny(t, TRIGGER_CRONJOB) || t.take("schedule") || takeAny(t, List.of("create", "make", "add")))) {
            // "run busybox every five minutes as a cron job": a new cron job, not a run of an existing one
            draft.verb = Verb.CREATE;
            draft.schedulesJob = true;
            return;
        }
        if (mentionsCronJob(t) && takeAny(t, TRIGGER_CRONJOB)) {
            draft.verb = Verb.CREATE;
            draft.triggerCronJob = true;
            return;
        }
        if (wantsPodCount(draft, t) || resizesTo(draft, t) || stopsWorkload(draft, t)) {
            return;
        }
        for (Rule rule : RULES) {
            for (String phrase : rule.phrases()) {
                int at = t.find(phrase).orElse(-1);
                if (at >= 0 && applies(rule.verb(), phrase, at, t)) {
                    t.use(at, at + Tokens.wordCount(phrase));
                    draft.verb = rule.verb();
                    draft.trigger = phrase;
                    draft.removing = phrase.startsWith("remove") || phrase.startsWith("delete")
                            || phrase.startsWith("drop") || phrase.startsWith("un");
                    refineRollout(draft, t);
                    return;
                }
            }
        }
        countsReplicas(draft, t);
    }

    /**
     * "api, five replicas", "cart replicas = 5": no verb at all, but a number of replicas is asked for. Only when
     * nothing else said what to do, so "show 3 pods" stays a read.
     */
    private static void countsReplicas(Draft draft, Tokens t) {
        int noun = -1;
        boolean number = false;
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            if (REPLICA_NOUNS.contains(t.word(i))) {
                noun = i;
            }
            number |= Numbers.isNumber(t.word(i));
        }
        if (noun >= 0 && number) {
            t.use(noun);
            draft.verb = Verb.SCALE;
            draft.trigger = t.word(noun);
        }
    }

    /**
     * "checkout needs four pods", "let web have 3 replicas": a number of pods someone wants an object
     * to have is a scale. The pod word is consumed, so it is not read as the kind.
     */
    private static boolean wantsPodCount(Draft draft, Tokens t) {
        for (int i = 1; i + 1 < t.size(); i++) {
            if (!Numbers.isNumber(t.word(i)) || !POD_COUNT_NOUNS.contains(t.word(i + 1))) {
                continue;
            }
            for (int w = i - 1; w >= Math.max(0, i - 3); w--) {
                if (t.free(w) && WANTING_WORDS.contains(t.word(w))) {
                    t.use(w);
                    t.use(i + 1);
                    draft.verb = Verb.SCALE;
                    draft.trigger = t.word(w);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * "bump web to 8", "shrink grafana to one replica": a word for growing or shrinking, with a number and no
     * image in the request, is a scale. The number is left to the argument reader, the pod words are its unit.
     */
    private static boolean resizesTo(Draft draft, Tokens t) {
        boolean number = false;
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            if (word.contains(":") || word.contains("/") || NOT_RESIZED.contains(word)) {
                return false;
            }
            number |= t.free(i) && Numbers.isNumber(word);
        }
        if (!number) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && RESIZE_WORDS.contains(t.word(i))) {
                t.use(i);
                if (i + 1 < t.size() && (t.word(i + 1).equals("up") || t.word(i + 1).equals("down"))) {
                    t.use(i + 1);
                }
                for (int n = 0; n < t.size(); n++) {
                    if (t.free(n) && POD_COUNT_NOUNS.contains(t.word(n))) {
                        // "to a single pod" counts pods; pods themselves cannot be scaled
                        t.use(n);
                    }
                }
                draft.verb = Verb.SCALE;
                draft.trigger = t.word(i);
                return true;
            }
        }
        return false;
    }

    /**
     * "switch off checkout", "turn cart off", "bring payments-api down completely", "stop running grafana": a
     * workload stopped is scaled to zero. Destructive, so the request must say it plainly: a stopping verb with
     * its particle, or "stop" made plain by "running", "completely" or a count of zero.
     */
    private static boolean stopsWorkload(Draft draft, Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            String word = t.word(i);
            int particle = -1;
            if (STOPPING.containsKey(word)) {
                for (int k = i + 1; k <= i + 3 && k < t.size(); k++) {
                    if (t.free(k) && STOPPING.get(word).contains(t.word(k)) && !(word.equals("take") && k == i + 1)) {
                        particle = k;
                        break;
                    }
                }
            } else if (word.equals("stop") && (t.word(i + 1).equals("running") || PLAINLY_ZERO.stream().anyMatch(t::contains))) {
                particle = t.word(i + 1).equals("running") ? i + 1 : i;
            }
            if (particle >= 0) {
                t.use(i);
                t.use(particle);
                PLAINLY_ZERO.forEach(t::take);
                draft.verb = Verb.SCALE;
                draft.trigger = word;
                draft.args.replicas(0);
                return true;
            }
        }
        return false;
    }

    /** Rejects trigger words used in another sense: "pods with label app=web" selects, it does not label. */
    private static boolean applies(Verb verb, String phrase, int at, Tokens t) {
        if ((verb == Verb.LABEL || verb == Verb.ANNOTATE) && (phrase.equals("label") || phrase.equals("tag"))) {
            return at == 0 || !SELECTOR_PREFIXES.contains(t.word(at - 1));
        }
        if (verb == Verb.SCALE && phrase.equals("scaling")) {
            // "by scaling it to 0" asks for a scale; "why isn't the autoscaler scaling" asks why
            for (int i = at + 1; i < t.size(); i++) {
                if (Numbers.isNumber(t.word(i))) {
                    return true;
                }
            }
            return false;
        }
        if (verb == Verb.TOP && phrase.equals("top")) {
            return !Numbers.isNumber(t.word(at + 1));
        }
        return true;
    }

    private static void refineRollout(Draft draft, Tokens t) {
        if (draft.verb != Verb.ROLLOUT_STATUS) {
            return;
        }
        for (Map.Entry<String, Verb> sub : ROLLOUT_WORDS) {
            if (t.take(sub.getKey())) {
                draft.verb = sub.getValue();
                return;
            }
        }
    }

    private static void readSubcommand(Draft draft, Tokens t) {
        int at = firstFree(t);
        if (at < 0) {
            return;
        }
        String word = t.word(at);
        if (word.equals("rollout") && ROLLOUT_SUBCOMMANDS.containsKey(t.word(at + 1))) {
            draft.verb = ROLLOUT_SUBCOMMANDS.get(t.word(at + 1));
            t.use(at, at + 2);
        } else if (word.equals("set") && SET_SUBCOMMANDS.containsKey(t.word(at + 1))) {
            draft.verb = SET_SUBCOMMANDS.get(t.word(at + 1));
            t.use(at, at + 2);
        } else if (word.equals("kubechat") && t.word(at + 1).equals("diagnose")) {
            draft.verb = Verb.DIAGNOSE;
            t.use(at, at + 2);
        } else if (word.equals("auth") && t.word(at + 1).equals("can-i")) {
            draft.verb = Verb.AUTH_CAN_I;
            t.use(at, at + 2);
        } else if (KUBECTL_SUBCOMMANDS.containsKey(word)) {
            draft.verb = KUBECTL_SUBCOMMANDS.get(word);
            t.use(at);
            if (draft.verb == Verb.CREATE && t.word(at + 1).equals("secret") && t.word(at + 2).equals("generic")) {
                t.use(at + 2);
            }
        }
    }

    private static int firstFree(Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i)) {
                return i;
            }
        }
        return -1;
    }

    /** "can i delete pods?" asks for a permission; "can i see the pods" is a polite request, left to the rules. */
    private static boolean asksPermission(Tokens t) {
        int at = t.find("can i").orElse(-1);
        if (at >= 0 && PERMISSION_VERBS.contains(t.word(at + 2))) {
            t.use(at, at + 2);
            return true;
        }
        return false;
    }

    private static boolean mentionsCronJob(Tokens t) {
        return CRONJOB_WORDS.stream().anyMatch(t::contains);
    }

    private static boolean takeAny(Tokens t, List<String> phrases) {
        return phrases.stream().anyMatch(t::take);
    }

    /** A verb and the words that ask for it. */
    private record Rule(Verb verb, String... phrases) {
    }
}
