package io.kubechat.nlp.command;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.Taint;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a structured command against the CommandExecution schema (the same patterns, bounds and
 * CEL rules) and against the kinds the translator knows. Every translator's output passes here
 * before it is used; a model's output that fails is discarded.
 */
public final class CommandValidator {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern API_VERSION = Pattern.compile("^([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?$");
    private static final Pattern SINCE = Pattern.compile("^([0-9]+(s|m|h))+$");
    private static final Pattern OUTPUT = Pattern.compile("^(table|wide|yaml|json|name)$");
    private static final Pattern SERVICE_TYPE = Pattern.compile("^(ClusterIP|NodePort|LoadBalancer)$");
    private static final Pattern PATCH_TYPE = Pattern.compile("^(merge|strategic|json)$");
    private static final Pattern ACCESS_VERB = Pattern.compile("^[a-z]{1,32}$");
    private static final Pattern FIELD_PATH = Pattern.compile("^[A-Za-z0-9.]{1,256}$");
    /** Keys, values, images and selectors: no spaces, quotes or shell characters. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("^[A-Za-z0-9._/:@*-]{0,512}$");
    private static final Pattern SELECTOR = Pattern.compile("^[A-Za-z0-9._/=!,()\\[\\] -]{1,1024}$");
    private static final Pattern SORT_BY = Pattern.compile("^[A-Za-z0-9._\\[\\]{}-]{1,256}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");
    private static final Pattern ENV_FROM = Pattern.compile("^(configmap|secret)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Pattern RESOURCE_NAME = Pattern.compile("^([a-z0-9.-]+/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$");
    private static final Pattern SCHEDULE = Pattern.compile(
            "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9*/,?A-Za-z-]+( [0-9*/,?A-Za-z-]+){4})$");
    private static final Pattern RULE_VERB = Pattern.compile("^([a-z]+|\\*)$");
    private static final Pattern RULE_RESOURCE = Pattern.compile("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(/[a-z]+)?|\\*)$");
    private static final Pattern SUBJECT = Pattern.compile("^[^\\s'\"`$;|&<>]{1,253}$");
    private static final Pattern SERVICE_ACCOUNT_SUBJECT = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Set<Verb> NO_RESOURCE = Set.of(Verb.VERSION, Verb.CLUSTER_INFO, Verb.API_RESOURCES);
    private static final Set<Verb> NODE_ONLY = Set.of(Verb.CORDON, Verb.UNCORDON, Verb.DRAIN, Verb.TAINT);

    private final KindLexicon kinds;

    public CommandValidator(KindLexicon kinds) {
        this.kinds = kinds;
    }

    /** Everything wrong with the command; empty when it is valid. */
    public List<String> problems(Command command) {
        List<String> problems = new ArrayList<>();
        if (command == null || command.verb() == null) {
            problems.add("verb is required");
            return problems;
        }
        Optional<KindInfo> kind = Optional.empty();
        if (command.resource() == null) {
            if (!NO_RESOURCE.contains(command.verb())) {
                problems.add("resource is required for " + command.verb());
            }
        } else {
            kind = kinds.byKind(command.resource().kind());
            if (kind.isEmpty()) {
                problems.add("unknown kind " + command.resource().kind());
            }
            String apiVersion = command.resource().apiVersion();
            if (apiVersion != null && (!API_VERSION.matcher(apiVersion).matches()
                    || kind.map(k -> !k.apiVersion().equals(apiVersion)).orElse(false))) {
                problems.add("apiVersion " + apiVersion + " does not serve " + command.resource().kind());
            }
        }
        check(problems, "name", command.name(), NAME, 253);
        check(problems, "namespace", command.namespace(), NAMESPACE, 63);
        if (command.namespace() != null && Boolean.TRUE.equals(command.allNamespaces())) {
            problems.add("namespace and allNamespaces are mutually exclusive");
        }
        if (command.selector() != null) {
            check(problems, "selector.labels", command.selector().labels(), SELECTOR, 1024);
            check(problems, "selector.fields", command.selector().fields(), SELECTOR, 1024);
        }
        CommandArguments a = command.arguments() == null ? CommandArgumentsBuilder.EMPTY : command.arguments();
        arguments(problems, a);
        if (command.verb() == Verb.SCALE && a.replicas() == null) {
            problems.add("scale needs arguments.replicas");
        }
        if (command.verb() == Verb.SET_IMAGE && (a.images() == null || a.images().isEmpty())) {
            problems.add("set-image needs arguments.images");
        }
        if (command.verb() == Verb.SET_ENV && a.env() == null && a.removeEnv() == null && a.envFrom() == null) {
            problems.add("set-env needs arguments.env, removeEnv or envFrom");
        }
        if (command.verb() == Verb.SET_RESOURCES && a.requests() == null && a.limits() == null) {
            problems.add("set-resources needs arguments.requests or limits");
        }
        if (command.verb() == Verb.SET_SERVICEACCOUNT && a.serviceAccount() == null) {
            problems.add("set-serviceaccount needs arguments.serviceAccount");
        }
        if (command.verb() == Verb.APPLY && command.manifest() == null) {
            problems.add("apply needs manifest");
        }
        if (command.manifest() != null && !(command.manifest() instanceof Map<?, ?>)) {
            problems.add("manifest must be one object");
        }
        if (command.verb() == Verb.DELETE && command.name() == null && command.selector() == null
                && !Boolean.TRUE.equals(a.all())) {
            problems.add("delete needs a name, a selector or all: true");
        }
        if (NODE_ONLY.contains(command.verb()) && kind.map(k -> !k.is("Node")).orElse(true)) {
            problems.add(command.verb() + " acts on kind Node only");
        }
        return problems;
    }

    public boolean valid(Command command) {
        return problems(command).isEmpty();
    }

    private static void arguments(List<String> problems, CommandArguments a) {
        range(problems, "replicas", a.replicas(), 0, 100000);
        range(problems, "tailLines", a.tailLines(), 0, 100000);
        range(problems, "port", a.port(), 1, 65535);
        range(problems, "targetPort", a.targetPort(), 1, 65535);
        range(problems, "minReplicas", a.minReplicas(), 1, 100000);
        range(problems, "maxReplicas", a.maxReplicas(), 1, 100000);
        range(problems, "cpuPercent", a.cpuPercent(), 1, 1000);
        range(problems, "gracePeriodSeconds", a.gracePeriodSeconds(), 0, 86400);
        if (a.toRevision() != null && a.toRevision() < 0) {
            problems.add("toRevision must not be negative");
        }
        check(problems, "container", a.container(), NAMESPACE, 63);
        check(problems, "since", a.since(), SINCE, 64);
        check(problems, "output", a.output(), OUTPUT, 8);
        check(problems, "sortBy", a.sortBy(), SORT_BY, 256);
        check(problems, "serviceType", a.serviceType(), SERVICE_TYPE, 16);
        check(problems, "patchType", a.patchType(), PATCH_TYPE, 16);
        check(problems, "accessVerb", a.accessVerb(), ACCESS_VERB, 32);
        check(problems, "fieldPath", a.fieldPath(), FIELD_PATH, 256);
        check(problems, "image", a.image(), PLAIN_VALUE, 512);
        check(problems, "fromCronJob", a.fromCronJob(), NAME, 253);
        map(problems, "images", a.images());
        map(problems, "labels", a.labels());
        map(problems, "annotations", a.annotations());
        map(problems, "data", a.data());
        list(problems, "removeLabels", a.removeLabels());
        list(problems, "removeAnnotations", a.removeAnnotations());
        if (a.taints() != null) {
            for (Taint taint : a.taints()) {
                if (taint == null || taint.key() == null || !PLAIN_VALUE.matcher(taint.key()).matches()
                        || (taint.value() != null && !PLAIN_VALUE.matcher(taint.value()).matches())) {
                    problems.add("taint key and value must be plain words");
                } else if (taint.effect() != null && !taint.effect().matches("^(NoSchedule|PreferNoSchedule|NoExecute)$")) {
                    problems.add("taint effect " + taint.effect() + " is not valid");
                } else if (taint.effect() == null && !Boolean.TRUE.equals(taint.remove())) {
                    problems.add("a taint to add needs an effect");
                }
            }
        }
        range(problems, "nodePort", a.nodePort(), 1, 65535);
        keyed(problems, "env", a.env(), ENV_NAME, null);
        each(problems, "removeEnv", a.removeEnv(), ENV_NAME, 256);
        check(problems, "envFrom", a.envFrom(), ENV_FROM, 260);
        keyed(problems, "requests", a.requests(), RESOURCE_NAME, QUANTITY);
        keyed(problems, "limits", a.limits(), RESOURCE_NAME, QUANTITY);
        check(problems, "serviceAccount", a.serviceAccount(), NAME, 253);
        check(problems, "schedule", a.schedule(), SCHEDULE, 128);
        each(problems, "roleVerbs", a.roleVerbs(), RULE_VERB, 32);
        each(problems, "roleResources", a.roleResources(), RULE_RESOURCE, 253);
        check(problems, "clusterRole", a.clusterRole(), NAME, 253);
        check(problems, "role", a.role(), NAME, 253);
        each(problems, "users", a.users(), SUBJECT, 253);
        each(problems, "groups", a.groups(), SUBJECT, 253);
        each(problems, "serviceAccounts", a.serviceAccounts(), SERVICE_ACCOUNT_SUBJECT, 317);
        if (a.patch() != null && a.patch().length() > 65536) {
            problems.add("patch is too long");
        }
    }

    private static void map(List<String> problems, String field, Map<String, String> values) {
        if (values == null) {
            return;
        }
        if (values.size() > 64) {
            problems.add(field + " has too many entries");
        }
        values.forEach((k, v) -> {
            if (k == null || v == null || !PLAIN_VALUE.matcher(k).matches() || k.isEmpty()
                    || !PLAIN_VALUE.matcher(v).matches()) {
                problems.add(field + " keys and values must be plain words");
            }
        });
    }

    /** Keys of the given shape; values of the given shape, or any text without control characters when null. */
    private static void keyed(List<String> problems, String field, Map<String, String> values, Pattern key, Pattern value) {
        if (values == null) {
            return;
        }
        if (values.size() > 64) {
            problems.add(field + " has too many entries");
        }
        values.forEach((k, v) -> {
            if (k == null || v == null || k.length() > 253 || !key.matcher(k).matches()
                    || (value != null ? !value.matcher(v).matches() : v.length() > 4096 || v.chars().anyMatch(Character::isISOControl))) {
                problems.add(field + " has an entry that is not valid: " + k);
            }
        });
    }

    private static void each(List<String> problems, String field, List<String> values, Pattern pattern, int max) {
        if (values != null && (values.size() > 64 || values.isEmpty()
                || values.stream().anyMatch(v -> v == null || v.length() > max || !pattern.matcher(v).matches()))) {
            problems.add(field + " has an entry that is not valid");
        }
    }

    private static void list(List<String> problems, String field, List<String> values) {
        if (values != null && (values.size() > 64
                || values.stream().anyMatch(v -> v == null || v.isEmpty() || !PLAIN_VALUE.matcher(v).matches()))) {
            problems.add(field + " must be plain words");
        }
    }

    private static void check(List<String> problems, String field, String value, Pattern pattern, int max) {
        if (value != null && (value.length() > max || !pattern.matcher(value).matches())) {
            problems.add(field + " is not valid");
        }
    }

    private static void range(List<String> problems, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.add(field + " must be between " + min + " and " + max);
        }
    }
}
