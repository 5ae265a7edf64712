package io.kubechat.nlp.render;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One plain sentence saying what a structured command does, for people who do not read kubectl. */
public final class Explainer {

    private final KindLexicon kinds;

    public Explainer(KindLexicon kinds) {
        this.kinds = kinds;
    }

    public String explain(Command command, String defaultNamespace) {
        CommandArguments a = command.arguments() == null ? CommandArgumentsBuilder.EMPTY : command.arguments();
        String object = object(command);
        String where = where(command, defaultNamespace);
        String sentence = switch (command.verb()) {
            case GET -> "Lists " + object + where + filter(command) + ".";
            case DESCRIBE -> "Shows the details and recent events of " + object + where + ".";
            case DIAGNOSE -> "Looks for why " + object + where + " is unhealthy, from its pods, events and nodes, and suggests a fix.";
            case LOGS -> "Shows the logs of " + object + where
                    + (a.container() == null ? "" : ", container " + a.container())
                    + (a.tailLines() == null ? "" : ", last " + a.tailLines() + " lines")
                    + (a.since() == null ? "" : ", from the last " + a.since())
                    + (Boolean.TRUE.equals(a.previous()) ? ", of the previous (crashed) container" : "") + ".";
            case EVENTS -> "Shows " + (Boolean.TRUE.equals(a.warningsOnly()) ? "warning " : "") + "events"
                    + (command.name() == null ? "" : " about " + object) + where + ".";
            case TOP -> "Shows current CPU and memory use of " + object + where + ".";
            case ROLLOUT_STATUS -> "Shows whether the rollout of " + object + where + " has finished.";
            case ROLLOUT_HISTORY -> "Lists the revisions of " + object + where + ".";
            case ROLLOUT_RESTART -> "Restarts the pods of " + object + where + " one by one.";
            case ROLLOUT_UNDO -> "Rolls " + object + where + " back to "
                    + (a.toRevision() == null ? "its previous revision" : "revision " + a.toRevision()) + ".";
            case ROLLOUT_PAUSE -> "Pauses the rollout of " + object + where + ".";
            case ROLLOUT_RESUME -> "Resumes the paused rollout of " + object + where + ".";
            case SCALE -> "Scales " + object + where + " to " + a.replicas() + " replica"
                    + (Integer.valueOf(1).equals(a.replicas()) ? "" : "s") + ".";
            case SET_IMAGE -> "Changes the container image of " + object + where + ".";
            case SET_ENV -> "Changes the environment of " + containers(a) + object + where
                    + changes(listed("sets ", a.env() == null ? null : new TreeMap<>(a.env()).keySet()), listed("removes ", a.removeEnv()),
                    a.envFrom() == null ? null : "adds every key of " + a.envFrom() + " as a reference")
                    + "; its pods are replaced.";
            case SET_RESOURCES -> "Changes the resources of " + containers(a) + object + where
                    + changes(quantities("requests ", a.requests()), quantities("limits ", a.limits())) + "; its pods are replaced.";
            case SET_SERVICEACCOUNT -> "Runs the pods of " + object + where + " as "
                    + (a.serviceAccount() == null ? "another service account" : "service account " + a.serviceAccount())
                    + "; its pods are replaced.";
            case LABEL -> "Changes the labels of " + object + where + ".";
            case ANNOTATE -> "Changes the annotations of " + object + where + ".";
            case CORDON -> "Marks " + object + " unschedulable so no new pods start on it.";
            case UNCORDON -> "Marks " + object + " schedulable again.";
            case DRAIN -> "Evicts every pod from " + object + " and marks it unschedulable.";
            case TAINT -> "Changes the taints of " + object + ".";
            case CREATE -> a.fromCronJob() != null
                    ? "Starts job " + command.name() + " now from cron job " + a.fromCronJob() + where + "."
                    : "Creates " + object + where + created(a) + ".";
            case EXPOSE -> "Creates a service for " + object + where + (a.port() == null ? "" : " on port " + a.port()) + ".";
            case AUTOSCALE -> "Adds a horizontal pod autoscaler to " + object + where + ".";
            case PATCH -> "Changes " + object + where + " with a patch.";
            case APPLY -> "Applies the given manifest" + where + ".";
            case DELETE -> "Deletes " + object + where + filter(command) + ".";
            case AUTH_CAN_I -> "Checks whether you may " + (a.accessVerb() == null ? "act on" : a.accessVerb()) + " "
                    + object + where + ".";
            case EXPLAIN -> "Explains the fields of the " + command.resource().kind()
                    + (a.fieldPath() == null ? "" : " field " + a.fieldPath()) + " kind.";
            case API_RESOURCES -> "Lists the kinds of object the cluster serves.";
            case VERSION -> "Shows the Kubernetes version of the cluster.";
            case CLUSTER_INFO -> "Shows the addresses of the control plane and cluster services.";
        };
        return sentence;
    }

    /** What a created object does, from the options that shape it. */
    private static String created(CommandArguments a) {
        StringBuilder what = new StringBuilder();
        if (a.roleVerbs() != null) {
            what.append(" allowing ").append(String.join(", ", a.roleVerbs())).append(" on ")
                    .append(String.join(", ", a.roleResources() == null ? List.of() : a.roleResources()));
        }
        if (a.clusterRole() != null || a.role() != null) {
            List<String> subjects = new ArrayList<>();
            (a.users() == null ? List.<String>of() : a.users()).forEach(u -> subjects.add("user " + u));
            (a.groups() == null ? List.<String>of() : a.groups()).forEach(g -> subjects.add("group " + g));
            (a.serviceAccounts() == null ? List.<String>of() : a.serviceAccounts()).forEach(sa -> subjects.add("service account " + sa));
            what.append(" granting ").append(a.clusterRole() != null ? "cluster role " + a.clusterRole() : "role " + a.role())
                    .append(" to ").append(String.join(", ", subjects));
        }
        if (a.schedule() != null) {
            what.append(" running ").append(a.image()).append(" on the schedule '").append(a.schedule()).append("'");
        }
        return what.toString();
    }

    private static String containers(CommandArguments a) {
        return a.container() == null ? "" : "container " + a.container() + " of ";
    }

    /** ": sets A, removes B" from the parts that are there, or nothing. */
    private static String changes(String... parts) {
        List<String> present = Arrays.stream(parts).filter(p -> p != null).toList();
        return present.isEmpty() ? "" : ": " + String.join("; ", present);
    }

    private static String listed(String lead, Collection<String> names) {
        return names == null || names.isEmpty() ? null : lead + String.join(", ", names);
    }

    private static String quantities(String lead, Map<String, String> values) {
        if (values == null) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> pairs.add(k + " " + v));
        return lead + String.join(", ", pairs);
    }

    private String object(Command command) {
        if (command.resource() == null) {
            return "objects";
        }
        String kind = kinds.byKind(command.resource().kind()).map(k -> k.singular()).orElse(command.resource().kind()
                .toLowerCase(Locale.ROOT));
        if (command.name() != null) {
            return kind + " " + command.name();
        }
        boolean all = command.arguments() != null && Boolean.TRUE.equals(command.arguments().all());
        return (all ? "all " : "") + kinds.byKind(command.resource().kind()).map(k -> k.plural()).orElse(kind + "s");
    }

    private String where(Command command, String defaultNamespace) {
        if (Boolean.TRUE.equals(command.allNamespaces())) {
            return " in all namespaces";
        }
        boolean clusterScoped = command.resource() != null
                && kinds.byKind(command.resource().kind()).map(k -> !k.namespaced()).orElse(false);
        String namespace = command.namespace() != null ? command.namespace() : defaultNamespace;
        return clusterScoped || namespace == null || command.resource() == null ? "" : " in namespace " + namespace;
    }

    private static String filter(Command command) {
        if (command.selector() == null) {
            return "";
        }
        StringBuilder filter = new StringBuilder(" matching");
        if (command.selector().labels() != null) {
            filter.append(" labels ").append(command.selector().labels());
        }
        if (command.selector().fields() != null) {
            filter.append(command.selector().labels() != null ? " and" : "").append(" fields ")
                    .append(command.selector().fields());
        }
        return filter.toString();
    }
}
