package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.embedded.EmbeddedTranslator.Outcome;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.resolve.NameResolver;
import io.kubechat.nlp.resolve.NameResolver.ObjectRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the readers found into a command: fills the subject from the conversation, applies
 * each verb's default kind, resolves names on the cluster, and asks when something needed is
 * missing instead of guessing.
 */
final class CommandDefaults {

    private static final Set<Verb> NEED_NAME = EnumSet.of(Verb.SCALE, Verb.SET_IMAGE, Verb.ROLLOUT_STATUS,
            Verb.ROLLOUT_HISTORY, Verb.ROLLOUT_RESTART, Verb.ROLLOUT_UNDO, Verb.ROLLOUT_PAUSE, Verb.ROLLOUT_RESUME,
            Verb.EXPOSE, Verb.AUTOSCALE, Verb.CORDON, Verb.UNCORDON, Verb.DRAIN, Verb.TAINT, Verb.PATCH, Verb.CREATE,
            Verb.SET_ENV, Verb.SET_RESOURCES, Verb.SET_SERVICEACCOUNT);
    /** Verbs that act on a workload through its pod template, never on pods or nodes themselves. */
    private static final Set<Verb> WORKLOAD_VERBS = EnumSet.of(Verb.SCALE, Verb.ROLLOUT_RESTART, Verb.ROLLOUT_STATUS,
            Verb.ROLLOUT_HISTORY, Verb.ROLLOUT_UNDO, Verb.SET_ENV, Verb.SET_RESOURCES, Verb.SET_SERVICEACCOUNT);
    private static final Set<Verb> READS = EnumSet.of(Verb.GET, Verb.DESCRIBE, Verb.DIAGNOSE, Verb.LOGS, Verb.EVENTS, Verb.TOP);
    private static final Set<Verb> NO_RESOURCE = EnumSet.of(Verb.VERSION, Verb.CLUSTER_INFO, Verb.API_RESOURCES);
    private static final Set<Verb> ROLLOUTS = EnumSet.of(Verb.ROLLOUT_STATUS, Verb.ROLLOUT_HISTORY,
            Verb.ROLLOUT_RESTART, Verb.ROLLOUT_UNDO, Verb.ROLLOUT_PAUSE, Verb.ROLLOUT_RESUME);
    private static final Map<Verb, String> DEFAULT_KIND = Map.ofEntries(Map.entry(Verb.LOGS, "Pod"),
            Map.entry(Verb.TOP, "Pod"), Map.entry(Verb.SCALE, "Deployment"), Map.entry(Verb.SET_IMAGE, "Deployment"),
            Map.entry(Verb.SET_ENV, "Deployment"), Map.entry(Verb.SET_RESOURCES, "Deployment"),
            Map.entry(Verb.SET_SERVICEACCOUNT, "Deployment"),
            Map.entry(Verb.EXPOSE, "Deployment"), Map.entry(Verb.AUTOSCALE, "Deployment"),
            Map.entry(Verb.ROLLOUT_STATUS, "Deployment"), Map.entry(Verb.ROLLOUT_HISTORY, "Deployment"),
            Map.entry(Verb.ROLLOUT_RESTART, "Deployment"), Map.entry(Verb.ROLLOUT_UNDO, "Deployment"),
            Map.entry(Verb.ROLLOUT_PAUSE, "Deployment"), Map.entry(Verb.ROLLOUT_RESUME, "Deployment"),
            Map.entry(Verb.CORDON, "Node"), Map.entry(Verb.UNCORDON, "Node"), Map.entry(Verb.DRAIN, "Node"),
            Map.entry(Verb.TAINT, "Node"), Map.entry(Verb.GET, "Pod"), Map.entry(Verb.DESCRIBE, "Pod"),
            Map.entry(Verb.EVENTS, "Event"));
    /** Where an unqualified name is looked for, per verb. */
    private static final List<String> READ_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Pod",
            "Job", "Service", "Node", "ConfigMap", "Secret", "Ingress", "PersistentVolumeClaim", "Namespace");
    /** Where an unqualified name is looked for, per verb, the kinds the verb acts on preferred first (workloads). */
    private static final List<String> POD_TEMPLATE_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet");
    private static final Map<Verb, List<String>> CANDIDATE_KINDS = Map.ofEntries(
            Map.entry(Verb.LOGS, List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod")),
            Map.entry(Verb.SCALE, List.of("Deployment", "StatefulSet", "ReplicaSet")),
            Map.entry(Verb.SET_IMAGE, POD_TEMPLATE_KINDS),
            Map.entry(Verb.SET_ENV, POD_TEMPLATE_KINDS),
            Map.entry(Verb.SET_RESOURCES, POD_TEMPLATE_KINDS),
            Map.entry(Verb.SET_SERVICEACCOUNT, POD_TEMPLATE_KINDS),
            Map.entry(Verb.EXPOSE, List.of("Deployment", "StatefulSet", "Pod", "Service")),
            Map.entry(Verb.AUTOSCALE, List.of("Deployment", "StatefulSet")),
            Map.entry(Verb.GET, READ_KINDS),
            Map.entry(Verb.EVENTS, List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Pod", "Job", "Node", "Service")),
            Map.entry(Verb.DESCRIBE, READ_KINDS),
            Map.entry(Verb.DIAGNOSE, READ_KINDS),
            Map.entry(Verb.DELETE, List.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "Service", "Job", "CronJob",
                    "ConfigMap", "Secret", "PersistentVolumeClaim")));
    /** Words that narrow, widen or negate a request: where they are left over, the request was not understood. */
    private static final Set<String> QUALIFIERS = Set.of("not", "no", "don't", "dont", "never", "without", "except",
            "but", "unless", "instead", "only", "all", "every", "each", "other", "others", "and", "also", "plus", "then",
            "too", "both", "either", "neither", "nor", "or", "after", "before", "until", "keep", "first", "last");
    private static final List<String> ROLLOUT_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet");

    /** Reads that work without a name, so a loose word that names nothing is dropped rather than asked about. */
    private static final Set<Verb> LISTS = EnumSet.of(Verb.GET, Verb.TOP, Verb.EVENTS);

    private final KindLexicon kinds;
    private final NameResolver resolver;
    private final Grounding grounding;

    CommandDefaults(KindLexicon kinds, NameResolver resolver) {
        this.kinds = kinds;
        this.resolver = resolver;
        this.grounding = resolver == null ? null : new Grounding(kinds, resolver);
    }

    Outcome complete(Draft d, TranslationRequest request) {
        List<String> notes = new ArrayList<>();
        if (d.nearMissVerb != null && (d.verb == null || READS.contains(d.verb))) {
            String[] words = d.nearMissVerb.split(" -> ");
            return Outcome.fail("did you mean \"" + words[1] + "\" where you wrote \"" + words[0] + "\"?",
                    List.of(), notes);
        }
        if (d.verb == null && d.kind != null) {
            d.verb = Verb.GET;
            d.verbImplied = true;
        }
        if (d.verb == null) {
            return Outcome.fail("did not understand what to do", List.of(), notes);
        }
        if (WORKLOAD_VERBS.contains(d.verb) && d.kind != null && (d.kind.is("Pod") || d.kind.is("Node")) && !d.kubectlStyle) {
            // "roll the web pods", "restart kube-proxy on all nodes": the pods and nodes are where the workload runs
            d.kind = null;
        }
        if (d.verb == Verb.DIAGNOSE && d.kind != null && d.kind.is("Pod") && d.name != null && grounding != null && !d.kubectlStyle) {
            // "why are the payments-api pods not coming up": the cluster says whether the name is a pod or what runs them
            d.kind = null;
        }
        String problem = fromConversation(d, request.previous());
        if (problem == null) {
            problem = refineVerb(d);
        }
        if (problem != null) {
            return Outcome.fail(problem, List.of(), notes);
        }
        if (d.kind == null && !NO_RESOURCE.contains(d.verb)) {
            String kind = DEFAULT_KIND.get(d.verb);
            if (kind == null && resolver != null && d.name != null && CANDIDATE_KINDS.containsKey(d.verb)) {
                // the cluster decides which kind the name is; the first candidate only stands in until then
                kind = CANDIDATE_KINDS.get(d.verb).get(0);
            }
            if (kind == null) {
                return Outcome.fail("which kind of object" + (d.name == null ? "" : " is " + d.name) + "?",
                        kindSuggestions(d), notes);
            }
            d.kind = kinds.byKind(kind).orElseThrow();
            d.kindImplied = true;
        }
        if (grounding != null) {
            Outcome asked = ground(d, request, notes);
            if (asked != null) {
                return asked;
            }
        }
        return build(d, notes, request.defaultNamespace());
    }

    /** The command the draft describes now, or the question for a value it cannot do without. */
    private Outcome build(Draft d, List<String> notes, String session) {
        String namespace = d.allNamespaces && d.namespace == null ? null : d.namespace;
        GrantReader.nameBinding(d);
        if (!d.serviceAccountsInNamespace.isEmpty()) {
            // "the checkout service account": the one in the binding's namespace
            String home = namespace != null ? namespace : session != null ? session : "default";
            List<String> accounts = new ArrayList<>(d.args.serviceAccounts() == null ? List.of() : d.args.serviceAccounts());
            d.serviceAccountsInNamespace.forEach(name -> accounts.add(home + ":" + name));
            d.args.serviceAccounts(accounts);
            d.serviceAccountsInNamespace.clear();
        }
        String missing = missing(d);
        if (missing != null) {
            return Outcome.fail(missing, List.of(), notes);
        }
        boolean clusterScoped = d.kind != null && !d.kind.namespaced();
        if (clusterScoped && (namespace != null || d.allNamespaces)) {
            notes.add("ignored the namespace: " + d.kind.plural() + " do not live in a namespace");
        }
        Selector selector = DraftSelectors.of(d);
        boolean bulk = Set.of(Verb.DELETE, Verb.LABEL, Verb.ANNOTATE).contains(d.verb);
        if (bulk && d.everything && selector == null && d.name == null) {
            d.args.all(true);
        }
        Command command = new Command(d.verb, NO_RESOURCE.contains(d.verb) ? null : d.kind.resourceType(),
                NO_RESOURCE.contains(d.verb) ? null : d.name,
                clusterScoped || NO_RESOURCE.contains(d.verb) ? null : namespace,
                !clusterScoped && d.allNamespaces && namespace == null && !NO_RESOURCE.contains(d.verb) ? Boolean.TRUE : null,
                selector, d.args.build(), null);
        return Outcome.of(command, notes);
    }

    /**
     * Grounds the namespace and the name in the objects the requester can see: corrects small
     * typos, takes the namespace of an object that is in exactly one, and asks (with the candidates
     * as choices) when the name matches several objects or none. Null when grounded.
     */
    private Outcome ground(Draft d, TranslationRequest request, List<String> notes) {
        if (d.namespace != null && !(d.verb == Verb.CREATE && d.kind != null && d.kind.is("Namespace"))) {
            String namespace = grounding.namespace(d.namespace);
            if (namespace == null && d.name == null && grounding.hasExactly(d.namespace, kindsFor(d))) {
                // "tail fifty lines from grafana": what was read as a namespace may be the object
                d.name = d.namespace;
                d.nameLoose = true;
                d.namespace = null;
            } else if (namespace == null) {
                return Outcome.ask("there is no namespace " + d.namespace + " that you can see; which one do you mean?",
                        List.of(), notes);
            } else if (!namespace.equals(d.namespace)) {
                d.corrections.add(d.namespace + " -> " + namespace);
                d.namespace = namespace;
            }
        }
        if (d.name == null && d.namespace == null && !d.allNamespaces && d.kind != null && d.verb != Verb.CREATE
                && KindLexicon.KUBECHAT_API.equals(d.kind.apiVersion())) {
            // KubeChat keeps its sessions and commands in one namespace, not in the session's default
            String home = grounding.onlyNamespace(d.kind);
            if (home != null && !home.equals(request.defaultNamespace())) {
                d.namespace = home;
                d.groundedIn = d.kind.plural() + " are in namespace " + home + ", the only one where you can see any";
            }
        }
        if (d.name == null || d.verb == Verb.CREATE || NO_RESOURCE.contains(d.verb) || d.kind == null) {
            return null;
        }
        List<KindInfo> wanted = kindsFor(d);
        String session = request.defaultNamespace();
        boolean namespaceKind = d.kind.is("Namespace") && !d.kindImplied;
        if (!namespaceKind && d.namespace == null && !d.allNamespaces && grounding.isNamespace(d.name)
                && !grounding.hasExactly(d.name, wanted)) {
            // "what services does payments have": a namespace's name where the object's goes
            d.namespace = d.name.equals(session) ? null : d.name;
            d.name = null;
            return null;
        }
        Grounding.Matches matches = grounding.find(d.name, wanted, d.allNamespaces ? null : d.namespace, session);
        if (matches.objects().isEmpty()) {
            if ((d.nameLoose || d.kindImplied) && LISTS.contains(d.verb)) {
                notes.add("did not understand: " + d.name);
                d.name = null;
                d.unclear = true;
                return null;
            }
            if (!d.kindImplied && !d.nameLoose && d.namespace != null && grounding.unreadable(d.kind, d.namespace)) {
                // "scale statefulset ledger-db in payments": named in full where the requester cannot look; the
                // API server answers whether they may, a question here would only hide the refusal
                notes.add("cannot list " + d.kind.plural() + " in " + d.namespace + "; kept " + d.name + " as written");
                return null;
            }
            String what = d.kindImplied ? "object" : d.kind.singular();
            return choices(d, "found no " + what + " named " + d.name + " that you can see; which one do you mean?",
                    grounding.closest(d.name, wanted, 3), session, notes);
        }
        List<ObjectRef> objects = Grounding.bestPerNamespace(matches.objects());
        if (objects.size() > 1) {
            return choices(d, "\"" + d.name + "\" matches " + objects.size() + " objects; which one do you mean?",
                    objects, session, notes);
        }
        ObjectRef match = objects.get(0);
        long kindsMatched = matches.objects().stream().filter(o -> o.name().equals(match.name())
                && java.util.Objects.equals(o.namespace(), match.namespace())).count();
        if (d.kindImplied && kindsMatched > 1 && d.verb == Verb.DELETE) {
            return choices(d, "\"" + d.name + "\" is the name of several kinds of object; which one should be deleted?",
                    matches.objects(), session, notes);
        }
        if (matches.corrected()) {
            d.corrections.add(d.name + " -> " + match.name());
        }
        if (!match.name().equals(d.name) || !match.kind().equals(d.kind)) {
            notes.add("took \"" + d.name + "\" to mean " + match.kind().singular() + " " + match.name());
        }
        if (!d.otherNames.isEmpty() && !matches.corrected() && match.name().equals(d.name) && onlyFiller(d, session)) {
            notes.add("ignored " + String.join(" ", d.otherNames) + ": no object you can see has that name");
            d.otherNames.clear();
        }
        apply(d, match, session);
        if (match.namespace() != null && !match.namespace().equals(session) && !match.namespace().equals(d.namespace)) {
            d.namespace = match.namespace();
        }
        if (match.namespace() != null && !match.namespace().equals(session)) {
            d.groundedIn = match.kind().singular() + " " + match.name() + " is in namespace " + match.namespace()
                    + ", the only one where you can see it";
        }
        return null;
    }

    /**
     * Whether the words left over besides the grounded name only colour the request ("it's stuck", "bounce it"):
     * none names a namespace or an object of the kinds meant that the requester can see, and none limits or
     * extends what to do.
     */
    private boolean onlyFiller(Draft d, String session) {
        if (d.verbImplied) {
            // a word left over may be the verb ("throw away the web-config config map")
            return false;
        }
        for (int i = 0; i < d.tokens.size(); i++) {
            String word = d.tokens.word(i);
            if (d.tokens.free(i) && (QUALIFIERS.contains(word) || Numbers.isNumber(word) || VerbReader.isVerbWord(word))) {
                return false;
            }
        }
        List<KindInfo> wanted = new ArrayList<>(kindsFor(d));
        kinds.byKind("Namespace").ifPresent(wanted::add);
        Set<String> visible = grounding.names(wanted, null);
        return d.otherNames.stream().noneMatch(w -> visible.contains(w) || Numbers.isNumber(w) || w.equals(session));
    }

    /** The kinds the draft's name may be, preferred first: the verb's candidates while no kind was written. */
    private List<KindInfo> kindsFor(Draft d) {
        List<KindInfo> wanted = new ArrayList<>();
        List<String> written = d.kind == null ? List.of() : List.of(d.kind.kind());
        List<String> names = d.kind == null || d.kindImplied ? CANDIDATE_KINDS.getOrDefault(d.verb,
                ROLLOUTS.contains(d.verb) ? ROLLOUT_KINDS : written) : written;
        names.forEach(n -> kinds.byKind(n).ifPresent(wanted::add));
        return wanted;
    }

    private static void apply(Draft d, ObjectRef object, String session) {
        d.kind = object.kind();
        d.name = object.name();
        d.kindImplied = false;
        d.allNamespaces = false;
        d.namespace = object.namespace() == null || object.namespace().equals(session) ? null : object.namespace();
    }

    /** A question whose choices are the draft's command for each of the objects (at most three). */
    private Outcome choices(Draft d, String question, List<ObjectRef> objects, String session, List<String> notes) {
        List<Command> commands = new ArrayList<>();
        for (ObjectRef object : objects.stream().limit(3).toList()) {
            apply(d, object, session);
            Outcome one = build(d, new ArrayList<>(), session);
            if (one.command() != null) {
                commands.add(one.command());
            }
        }
        return Outcome.ask(question, commands, notes);
    }

    /** "it", or a verb with no object at all, means the previous command's object. */
    private String fromConversation(Draft d, Command previous) {
        boolean needsSubject = d.kind == null && d.name == null && !NO_RESOURCE.contains(d.verb)
                && (NEED_NAME.contains(d.verb) || d.verb == Verb.LOGS || d.verb == Verb.DESCRIBE || d.verb == Verb.DIAGNOSE);
        if (!d.refersToPrevious && !needsSubject) {
            return null;
        }
        String named = d.refersToPrevious ? antecedent(d) : null;
        if (named != null) {
            // "web needs more pods, make it 6": the sentence itself names what "it" is
            d.name = named;
            d.nameLoose = false;
            d.refersToPrevious = false;
            return null;
        }
        if (previous == null || previous.resource() == null || previous.name() == null) {
            return d.refersToPrevious ? "which object do you mean by \"it\"? Name it, for example: scale deployment api to 3"
                    : null;
        }
        if (d.kind == null) {
            d.kind = kinds.byKind(previous.resource().kind()).orElse(null);
        }
        if (d.name == null) {
            d.name = previous.name();
        }
        if (d.namespace == null && !d.allNamespaces) {
            d.namespace = previous.namespace();
        }
        return null;
    }

    /** The one word of the request that is exactly the name of a visible object the verb may act on; null if none or several. */
    private String antecedent(Draft d) {
        if (grounding == null) {
            return null;
        }
        List<KindInfo> wanted = kindsFor(d);
        if (wanted.isEmpty()) {
            return null;
        }
        Set<String> visible = grounding.names(wanted, d.allNamespaces ? null : d.namespace);
        Set<String> written = new LinkedHashSet<>();
        for (int i = 0; i < d.tokens.size(); i++) {
            if (visible.contains(d.tokens.word(i))) {
                written.add(d.tokens.word(i));
            }
        }
        return written.size() == 1 ? written.iterator().next() : null;
    }

    /** Verbs whose meaning depends on the kind: "pause" a cron job suspends it, "pause" a deployment pauses its rollout. */
    private String refineVerb(Draft d) {
        boolean cronJob = d.kind != null && d.kind.is("CronJob");
        if (d.triggerCronJob) {
            if (!cronJob || d.name == null) {
                return "which cron job should run now?";
            }
            d.args.fromCronJob(d.name);
            d.name = d.name + "-manual";
            d.kind = kinds.byKind("Job").orElseThrow();
            return null;
        }
        if (d.verb == Verb.CREATE && d.args.fromCronJob() != null && d.name == null) {
            d.name = d.args.fromCronJob() + "-manual";
        }
        if (d.verb == Verb.PATCH && !d.kubectlStyle) {
            boolean suspend = d.trigger != null && Set.of("suspend", "pause", "disable").contains(d.trigger);
            if (cronJob) {
                d.args.patchType("merge").patch("{\"spec\":{\"suspend\":" + suspend + "}}");
            } else if ("pause".equals(d.trigger)) {
                d.verb = Verb.ROLLOUT_PAUSE;
            } else if ("resume".equals(d.trigger) || "unpause".equals(d.trigger)) {
                d.verb = Verb.ROLLOUT_RESUME;
            } else {
                return "only cron jobs can be suspended or resumed; for a deployment, scale it instead";
            }
        } else if (d.verb == Verb.PATCH) {
            return "only suspending and resuming cron jobs is supported as a patch; say \"suspend cronjob NAME\"";
        }
        if (ROLLOUTS.contains(d.verb) && d.kind != null && !ROLLOUT_KINDS.contains(d.kind.kind())) {
            if (d.verb == Verb.ROLLOUT_RESTART && d.kind.is("Pod")) {
                return "a pod cannot be restarted in place; restart its deployment, or delete the pod so its "
                        + "controller replaces it";
            }
            return d.kind.plural() + " have no rollouts; only deployments, statefulsets and daemonsets do";
        }
        if (d.verb == Verb.AUTOSCALE && d.kind != null && d.kind.is("HorizontalPodAutoscaler")) {
            d.kind = null;
        }
        if (d.verb == Verb.EVENTS) {
            if (d.eventsFor != null && d.eventsFor.contains("/")) {
                d.kind = kinds.lookup(d.eventsFor.substring(0, d.eventsFor.indexOf('/'))).orElse(null);
                d.name = d.eventsFor.substring(d.eventsFor.indexOf('/') + 1).toLowerCase();
            }
            if (d.kind != null && d.kind.is("Event")) {
                d.name = null;
            }
        }
        if (d.verb == Verb.TOP && d.kind != null && !d.kind.is("Pod") && !d.kind.is("Node")) {
            return "usage is measured for pods and nodes only";
        }
        return null;
    }

    /** A question for a value the command cannot do without, or null. */
    private static String missing(Draft d) {
        boolean bulkRestart = d.verb == Verb.ROLLOUT_RESTART && d.everything;
        if (NEED_NAME.contains(d.verb) && d.name == null && !bulkRestart && !(d.verb == Verb.CREATE && d.kind == null)) {
            return "which " + (d.kind == null ? "object" : d.kind.singular()) + "? Name it, for example: "
                    + d.verb.name().toLowerCase().replace('_', ' ') + " " + (d.kind == null ? "" : d.kind.singular() + " ")
                    + "NAME";
        }
        boolean selected = DraftSelectors.of(d) != null;
        return switch (d.verb) {
            case DELETE -> d.name == null && !selected && !d.everything && !Boolean.TRUE.equals(d.args.all())
                    ? "which " + d.kind.singular() + " should be deleted? Name it, or say \"all " + d.kind.plural() + "\""
                    : null;
            case LABEL, ANNOTATE -> d.name == null && !selected && !d.everything && !Boolean.TRUE.equals(d.args.all())
                    ? "which object?" : empty(d) ? "which " + (d.verb == Verb.LABEL ? "labels" : "annotations")
                    + "? For example: env=prod, or env- to remove" : null;
            case LOGS -> d.name == null && !selected ? "logs of which pod or deployment?" : null;
            case SCALE -> d.args.replicas() == null ? "to how many replicas?" : null;
            case SET_IMAGE -> d.args.images() == null ? "which image? For example: nginx:1.27" : null;
            case SET_ENV -> d.args.env() == null && d.args.removeEnv() == null && d.args.envFrom() == null
                    ? "which variables? For example: LOG_LEVEL=debug, or LOG_LEVEL- to remove one" : null;
            case SET_RESOURCES -> d.args.requests() == null && d.args.limits() == null
                    ? "which requests or limits? For example: limits cpu=1,memory=1Gi" : null;
            case SET_SERVICEACCOUNT -> d.args.serviceAccount() == null ? "which service account should its pods run as?" : null;
            case TAINT -> d.args.taints() == null ? "which taint? For example: dedicated=gpu:NoSchedule" : null;
            case AUTOSCALE -> d.args.maxReplicas() == null ? "up to how many replicas?" : null;
            case EXPLAIN, AUTH_CAN_I -> d.kind == null ? "about which kind?" : null;
            case CREATE -> createMissing(d);
            default -> null;
        };
    }

    private static boolean empty(Draft d) {
        CommandArgumentsBuilder a = d.args;
        return d.verb == Verb.LABEL ? a.labels() == null && a.removeLabels() == null
                : a.annotations() == null && a.removeAnnotations() == null;
    }

    private static String createMissing(Draft d) {
        if (d.kind == null) {
            return "create what?";
        }
        return switch (d.kind.kind()) {
            case "Namespace", "ServiceAccount", "ConfigMap", "Secret" -> null;
            case "Deployment" -> d.args.image() == null ? "which image should deployment " + d.name + " run?" : null;
            case "Job" -> d.args.image() == null && d.args.fromCronJob() == null
                    ? "which image should job " + d.name + " run, or which cron job should it start from?" : null;
            case "CronJob" -> d.args.image() == null || d.args.schedule() == null
                    ? "which image should cron job " + d.name + " run, and on which schedule? For example: busybox every 5 minutes"
                    : null;
            case "Service" -> d.args.port() == null ? "which port should service " + d.name + " serve, and to which target port?" : null;
            case "Role", "ClusterRole" -> d.args.roleVerbs() == null || d.args.roleResources() == null
                    ? "what may " + d.kind.singular() + " " + d.name + " do, on which resources? For example: get, list on pods" : null;
            case "RoleBinding", "ClusterRoleBinding" -> d.args.clusterRole() == null && d.args.role() == null
                    ? "which role should " + d.name + " grant? For example: clusterrole view"
                    : d.args.users() == null && d.args.groups() == null && d.args.serviceAccounts() == null
                    ? "whom should " + d.name + " grant it to? For example: user dave" : null;
            default -> "creating a " + d.kind.singular() + " from words is not supported; apply a manifest instead";
        };
    }

    private List<String> kindSuggestions(Draft d) {
        String name = d.name == null ? "NAME" : d.name;
        String verb = d.verb.name().toLowerCase().replace('_', ' ');
        return List.of(verb + " pod " + name, verb + " deployment " + name);
    }
}
