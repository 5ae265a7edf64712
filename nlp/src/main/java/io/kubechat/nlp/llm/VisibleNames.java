package io.kubechat.nlp.llm;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.resolve.NameResolver;
import io.kubechat.nlp.resolve.NameResolver.ObjectRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The objects the requester can see, for the kinds a request is about: by name only and bounded,
 * for the prompt; and in full, to check that every name a model produces is one of them. Read
 * through the same {@link NameResolver} as the embedded translator, so as the requester.
 */
final class VisibleNames {

    /** Names the prompt carries at most: enough to pick from, bounded for a large cluster. */
    static final int MAX_NAMES = 60;
    /** Longer names are left out of the prompt (they are still accepted in a reply). */
    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_KINDS = 10;
    /** Where a request's names usually point, whatever kind words it uses ("checkout needs four pods"). */
    private static final List<String> USUAL_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "Pod", "Service",
            "Job", "CronJob");
    /** Verbs whose name is not an existing object: a new one, or none at all. */
    private static final Set<Verb> NEW_OR_NO_OBJECT = EnumSet.of(Verb.CREATE, Verb.APPLY, Verb.EXPLAIN,
            Verb.AUTH_CAN_I, Verb.API_RESOURCES, Verb.VERSION, Verb.CLUSTER_INFO);

    private final KindLexicon kinds;
    private final NameResolver resolver;
    private final KindInfo namespaceKind;

    VisibleNames(KindLexicon kinds, NameResolver resolver) {
        this.kinds = kinds;
        this.resolver = resolver;
        this.namespaceKind = kinds.byKind("Namespace").orElseThrow();
    }

    /** What the prompt carries: the visible objects of the kinds in question, the bounded names first. */
    record Listing(List<ObjectRef> shown, boolean complete) {
    }

    /**
     * The visible objects of the kinds the request's words name, its previous command's kind, the
     * usual workload kinds, and the namespaces: at most {@link #MAX_NAMES}, the ones the request
     * seems to mention first, then the namespaces, then the objects in the session's namespace.
     */
    Listing listing(String text, Command previous, String session) {
        List<String> words = words(text);
        List<KindInfo> wanted = new ArrayList<>(kindsNamed(words, previous));
        wanted.add(namespaceKind);
        List<ObjectRef> visible = visible(wanted, session).stream()
                .filter(o -> o.name().length() <= MAX_NAME_LENGTH).toList();
        List<ObjectRef> ordered = new ArrayList<>(visible);
        // the namespaces next: few, and what the model needs to place an object
        ordered.sort(Comparator.comparingInt((ObjectRef o) -> mentioned(o.name(), words) ? 0 : 1)
                .thenComparingInt(o -> o.kind().equals(namespaceKind) ? 0 : 1)
                .thenComparingInt(o -> session != null && session.equals(o.namespace()) ? 0 : 1)
                .thenComparingInt(o -> wanted.indexOf(o.kind()))
                .thenComparing(o -> Objects.toString(o.namespace(), ""))
                .thenComparing(ObjectRef::name));
        boolean complete = ordered.size() <= MAX_NAMES;
        return new Listing(List.copyOf(ordered.subList(0, Math.min(MAX_NAMES, ordered.size()))), complete);
    }

    private List<KindInfo> kindsNamed(List<String> words, Command previous) {
        Set<KindInfo> named = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            for (int n = Math.min(kinds.longestPhrase(), words.size() - i); n >= 1; n--) {
                var kind = kinds.lookup(String.join(" ", words.subList(i, i + n)));
                if (kind.isPresent()) {
                    named.add(kind.get());
                    break;
                }
            }
        }
        if (previous != null && previous.resource() != null) {
            kinds.byKind(previous.resource().kind()).ifPresent(named::add);
        }
        named.remove(namespaceKind);
        USUAL_KINDS.forEach(k -> kinds.byKind(k).ifPresent(named::add));
        return named.stream().limit(MAX_KINDS - 1).toList();
    }

    /** A word of the request is the name, starts it ("checkout" for its pods), or shares its start (a typo). */
    private static boolean mentioned(String name, List<String> words) {
        for (String word : words) {
            if (word.length() >= 3 && (name.equals(word) || name.startsWith(word + "-")
                    || (word.length() >= 4 && name.length() >= 4 && name.regionMatches(0, word, 0, 3)
                    && Math.abs(name.length() - word.length()) <= 2))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9.\\-]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** A model's command checked against what the requester can see. */
    record Checked(Command command, String note, String refusal) {
    }

    /**
     * Accepts a command whose name (and namespace, and cron job to start from) is a visible object;
     * fills in the namespace when the command names none and the object is in exactly one other
     * visible namespace; refuses any other name, since a model may take any word for a name.
     */
    Checked check(Command command, String session) {
        if (command.resource() == null || NEW_OR_NO_OBJECT.contains(command.verb())) {
            return namespaceChecked(command, command.verb() == Verb.CREATE ? fromCronJobChecked(command, session) : null);
        }
        if (command.name() == null) {
            return namespaceChecked(command, null);
        }
        KindInfo kind = kinds.byKind(command.resource().kind()).orElse(null);
        if (kind == null) {
            return refused(command.resource().kind() + " " + command.name() + " is not an object you can see");
        }
        List<ObjectRef> same = visible(List.of(kind), command.namespace() == null ? session : command.namespace()).stream()
                .filter(o -> o.name().equals(command.name())).toList();
        String what = kind.singular() + " " + command.name();
        if (!kind.namespaced() || Boolean.TRUE.equals(command.allNamespaces())) {
            return same.isEmpty() ? refused(what + " is not an object you can see") : new Checked(command, null, null);
        }
        String namespace = command.namespace() == null ? session : command.namespace();
        if (same.stream().anyMatch(o -> Objects.equals(namespace, o.namespace()))) {
            return new Checked(command, null, null);
        }
        if (command.namespace() == null && same.size() == 1) {
            String only = same.get(0).namespace();
            Command placed = new Command(command.verb(), command.resource(), command.name(), only, null,
                    command.selector(), command.arguments(), command.manifest());
            return new Checked(placed, what + " is in namespace " + only + ", the only one where you can see it", null);
        }
        return refused(what + " is not an object you can see in namespace " + namespace);
    }

    private Checked namespaceChecked(Command command, String refusal) {
        if (refusal != null) {
            return refused(refusal);
        }
        boolean newNamespace = command.verb() == Verb.CREATE && command.resource() != null
                && namespaceKind.is(command.resource().kind());
        if (command.namespace() == null || newNamespace) {
            return new Checked(command, null, null);
        }
        List<ObjectRef> namespaces = resolver.visible(List.of(namespaceKind), null);
        // a requester who may not list namespaces still names one that exists; the API server has the last word
        if (namespaces.isEmpty() || namespaces.stream().anyMatch(n -> n.name().equals(command.namespace()))) {
            return new Checked(command, null, null);
        }
        return refused("namespace " + command.namespace() + " is not one you can see");
    }

    private String fromCronJobChecked(Command command, String session) {
        String cronJob = command.arguments() == null ? null : command.arguments().fromCronJob();
        if (cronJob == null) {
            return null;
        }
        String namespace = command.namespace() == null ? session : command.namespace();
        KindInfo kind = kinds.byKind("CronJob").orElseThrow();
        boolean seen = visible(List.of(kind), namespace).stream().anyMatch(o -> o.name().equals(cronJob)
                && Objects.equals(namespace, o.namespace()));
        return seen ? null : "cronjob " + cronJob + " is not an object you can see";
    }

    /**
     * In every namespace the requester can list, and in {@code namespace} too: a requester with
     * rights in one namespace only can neither list across namespaces nor list the namespaces.
     */
    private List<ObjectRef> visible(List<KindInfo> wanted, String namespace) {
        Set<ObjectRef> found = new LinkedHashSet<>(resolver.visible(wanted, null));
        if (namespace != null) {
            found.addAll(resolver.visible(wanted.stream().filter(KindInfo::namespaced).toList(), namespace));
        }
        return List.copyOf(found);
    }

    private static Checked refused(String why) {
        return new Checked(null, null, why);
    }
}
