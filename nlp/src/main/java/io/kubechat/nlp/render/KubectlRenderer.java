package io.kubechat.nlp.render;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Taint;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical kubectl line for a structured command, for people to read; it is never run.
 * One command has exactly one rendering: resource names in kubectl's plural form for lists and
 * singular form with a name, namespace right after the object, then flags in a fixed order.
 */
public final class KubectlRenderer {

    /** Shown in place of secret values. */
    public static final String REDACTED = "***";

    private final KindLexicon kinds;

    public KubectlRenderer(KindLexicon kinds) {
        this.kinds = kinds;
    }

    public String render(Command command) {
        List<String> words = new ArrayList<>();
        words.add("kubectl");
        CommandArguments args = command.arguments() == null ? CommandArgumentsBuilder.EMPTY : command.arguments();
        switch (command.verb()) {
            case CORDON, UNCORDON, DRAIN -> {
                words.add(verbWord(command.verb()));
                words.add(command.name());
            }
            case GET, DESCRIBE, DELETE -> {
                words.add(verbWord(command.verb()));
                object(words, command);
            }
            case LOGS -> {
                words.add("logs");
                if (command.name() != null) {
                    words.add(isKind(command, "Pod") ? command.name() : resourceWord(command, false) + "/" + command.name());
                }
            }
            case EVENTS -> words.add("events");
            case DIAGNOSE -> {
                // KubeChat's own kubectl plugin: kubectl has no diagnosis
                words.add("kubechat");
                words.add("diagnose");
                words.add(command.name() == null ? resourceWord(command, true) : resourceWord(command, false) + "/" + command.name());
            }
            case TOP -> {
                words.add("top");
                object(words, command);
            }
            case ROLLOUT_STATUS, ROLLOUT_HISTORY, ROLLOUT_RESTART, ROLLOUT_UNDO, ROLLOUT_PAUSE, ROLLOUT_RESUME -> {
                words.add("rollout");
                words.add(command.verb().name().substring("ROLLOUT_".length()).toLowerCase(Locale.ROOT));
                object(words, command);
            }
            case SET_IMAGE, SET_ENV, SET_RESOURCES, SET_SERVICEACCOUNT -> {
                words.add("set");
                words.add(command.verb().name().substring("SET_".length()).toLowerCase(Locale.ROOT));
                object(words, command);
            }
            case AUTH_CAN_I -> {
                words.add("auth");
                words.add("can-i");
                words.add(args.accessVerb() == null ? "*" : args.accessVerb());
                words.add(resourceWord(command, true));
                if (command.name() != null) {
                    words.set(words.size() - 1, resourceWord(command, false) + "/" + command.name());
                }
            }
            case EXPLAIN -> {
                words.add("explain");
                words.add(resourceWord(command, false) + (args.fieldPath() == null ? "" : "." + args.fieldPath()));
            }
            case API_RESOURCES, VERSION, CLUSTER_INFO -> words.add(verbWord(command.verb()));
            case CREATE -> {
                words.add("create");
                create(words, command, args);
            }
            default -> {
                words.add(verbWord(command.verb()));
                object(words, command);
            }
        }
        positional(words, args);
        scope(words, command);
        flags(words, command, args);
        return String.join(" ", words);
    }

    private void object(List<String> words, Command command) {
        if (command.resource() == null) {
            return;
        }
        boolean list = command.name() == null;
        words.add(resourceWord(command, list));
        if (!list) {
            words.add(command.name());
        }
    }

    private void create(List<String> words, Command command, CommandArguments args) {
        String kind = command.resource() == null ? "" : command.resource().kind();
        switch (kind) {
            case "Secret" -> words.add("secret generic");
            case "Service" -> words.add("service " + (args.serviceType() == null ? "clusterip" : args.serviceType().toLowerCase(Locale.ROOT)));
            default -> words.add(resourceWord(command, false));
        }
        if (command.name() != null) {
            words.add(command.name());
        }
    }

    /** Arguments kubectl takes after the object: images, labels, annotations, taints. */
    private static void positional(List<String> words, CommandArguments args) {
        if (args.images() != null) {
            new TreeMap<>(args.images()).forEach((container, image) -> words.add(container + "=" + image));
        }
        keyValues(words, args.env(), args.removeEnv());
        if (args.serviceAccount() != null) {
            words.add(args.serviceAccount());
        }
        keyValues(words, args.labels(), args.removeLabels());
        keyValues(words, args.annotations(), args.removeAnnotations());
        if (args.taints() != null) {
            args.taints().forEach(t -> words.add(taint(t)));
        }
    }

    private void scope(List<String> words, Command command) {
        if (Boolean.TRUE.equals(command.allNamespaces())) {
            words.add("-A");
        } else if (command.namespace() != null) {
            words.add("-n");
            words.add(command.namespace());
        }
    }

    private void flags(List<String> words, Command command, CommandArguments args) {
        Selector selector = command.selector();
        if (command.verb() == Verb.EVENTS) {
            if (command.name() != null) {
                words.add("--for=" + resourceWord(command, false) + "/" + command.name());
            }
            if (Boolean.TRUE.equals(args.warningsOnly())) {
                words.add("--types=Warning");
            }
        }
        if (selector != null && selector.labels() != null) {
            words.add("-l");
            words.add(selector.labels());
        }
        if (selector != null && selector.fields() != null) {
            words.add("--field-selector=" + selector.fields());
        }
        if (args.container() != null) {
            words.add("-c");
            words.add(args.container());
        }
        add(words, "--tail=", args.tailLines());
        add(words, "--since=", args.since());
        if (Boolean.TRUE.equals(args.previous())) {
            words.add("--previous");
        }
        add(words, "--replicas=", args.replicas());
        add(words, "--image=", args.image());
        if (args.schedule() != null) {
            words.add("--schedule='" + args.schedule() + "'");
        }
        if (args.fromCronJob() != null) {
            words.add("--from=cronjob/" + args.fromCronJob());
        }
        add(words, "--from=", args.envFrom());
        add(words, "--requests=", quantities(args.requests()));
        add(words, "--limits=", quantities(args.limits()));
        add(words, "--verb=", args.roleVerbs() == null ? null : String.join(",", args.roleVerbs()));
        add(words, "--resource=", args.roleResources() == null ? null : String.join(",", args.roleResources()));
        add(words, "--clusterrole=", args.clusterRole());
        add(words, "--role=", args.role());
        each(words, "--user=", args.users());
        each(words, "--group=", args.groups());
        each(words, "--serviceaccount=", args.serviceAccounts());
        if (args.data() != null) {
            boolean secret = command.resource() != null && "Secret".equals(command.resource().kind());
            // secret values stay out of anything shown or stored as text
            new TreeMap<>(args.data()).forEach((k, v) -> words.add("--from-literal=" + k + "=" + (secret ? REDACTED : v)));
        }
        if (command.verb() == Verb.CREATE && isKind(command, "Service")) {
            add(words, "--tcp=", args.port() == null ? null : args.port() + ":" + (args.targetPort() == null ? args.port() : args.targetPort()));
            add(words, "--node-port=", args.nodePort());
        } else {
            add(words, "--port=", args.port());
            add(words, "--target-port=", args.targetPort());
            add(words, "--type=", args.serviceType());
        }
        add(words, "--min=", args.minReplicas());
        add(words, "--max=", args.maxReplicas());
        add(words, "--cpu-percent=", args.cpuPercent());
        add(words, "--to-revision=", args.toRevision());
        if (Boolean.TRUE.equals(args.all())) {
            words.add("--all");
        }
        if (Boolean.TRUE.equals(args.ignoreDaemonSets())) {
            words.add("--ignore-daemonsets");
        }
        if (Boolean.TRUE.equals(args.deleteEmptyDirData())) {
            words.add("--delete-emptydir-data");
        }
        add(words, "--grace-period=", args.gracePeriodSeconds());
        if (Boolean.TRUE.equals(args.overwrite())) {
            words.add("--overwrite");
        }
        if (args.patch() != null) {
            words.add("--type=" + (args.patchType() == null ? "merge" : args.patchType()));
            words.add("-p");
            words.add("'" + args.patch() + "'");
        }
        add(words, "--sort-by=", args.sortBy());
        if (args.output() != null && !"table".equals(args.output())) {
            words.add("-o");
            words.add(args.output());
        }
    }

    private static void keyValues(List<String> words, Map<String, String> set, List<String> remove) {
        if (set != null) {
            new TreeMap<>(set).forEach((k, v) -> words.add(k + "=" + v));
        }
        if (remove != null) {
            remove.forEach(k -> words.add(k + "-"));
        }
    }

    private static String taint(Taint taint) {
        String keyValue = taint.key() + (taint.value() == null ? "" : "=" + taint.value());
        String effect = taint.effect() == null ? "" : ":" + taint.effect();
        return keyValue + effect + (Boolean.TRUE.equals(taint.remove()) ? "-" : "");
    }

    private static String quantities(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    private static void each(List<String> words, String flag, List<String> values) {
        if (values != null) {
            values.forEach(v -> words.add(flag + v));
        }
    }

    private static void add(List<String> words, String flag, Object value) {
        if (value != null) {
            words.add(flag + value);
        }
    }

    private String resourceWord(Command command, boolean plural) {
        if (command.resource() == null) {
            return "";
        }
        return kinds.byKind(command.resource().kind())
                .map(info -> plural ? info.plural() : info.singular())
                .orElse(command.resource().kind().toLowerCase(Locale.ROOT));
    }

    private static boolean isKind(Command command, String kind) {
        return command.resource() != null && kind.equals(command.resource().kind());
    }

    private static String verbWord(Verb verb) {
        return verb.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
