package io.kubechat.nlp.risk;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Taint;
import io.kubechat.crds.v1alpha1.Verb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rates a structured command from its structure alone: no request text, model output or
 * confidence can lower the rating. Each rule that applies adds a reason; the level is the
 * highest any rule gives. Anything it cannot read is rated destructive.
 */
public final class RiskClassifier {

    private static final Set<Verb> READS = EnumSet.of(Verb.GET, Verb.DESCRIBE, Verb.DIAGNOSE, Verb.LOGS, Verb.EVENTS, Verb.TOP,
            Verb.ROLLOUT_STATUS, Verb.ROLLOUT_HISTORY, Verb.AUTH_CAN_I, Verb.EXPLAIN, Verb.API_RESOURCES,
            Verb.VERSION, Verb.CLUSTER_INFO);
    private static final Set<String> RBAC_KINDS = lower("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    /**
     * Kinds whose every write changes who may do what: admission policies (KubeChat's identity guard among
     * them), KubeChat's own control objects, certificate requests that mint identities, and runtime classes.
     */
    private static final Set<String> CONTROL_KINDS = lower("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
            "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "ExecutionPolicy", "ClusterConnection",
            "CertificateSigningRequest", "RuntimeClass");
    private static final Set<String> CLUSTER_CRITICAL_KINDS = lower("Namespace", "Node", "PersistentVolume",
            "CustomResourceDefinition", "StorageClass", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "APIService", "PriorityClass");
    /** Writes that replace what a cluster-wide object does, as opposed to marking it (label, cordon, taint). */
    private static final Set<Verb> SPEC_WRITES = EnumSet.of(Verb.PATCH, Verb.APPLY, Verb.CREATE);
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

    private static Set<String> lower(String... kinds) {
        return Arrays.stream(kinds).map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Kinds are compared ignoring case: discovery resolves them so, and a look-alike kind never resolves. */
    private static boolean in(Set<String> kinds, Object kind) {
        return kind instanceof String k && kinds.contains(k.toLowerCase(Locale.ROOT));
    }

    /** Whether the verb only reads: running it twice changes nothing. */
    public static boolean isRead(Verb verb) {
        return READS.contains(verb);
    }

    /** Rates a command whose namespace, when omitted, is the session's default namespace. */
    public Risk classify(Command command, String defaultNamespace) {
        Rating rating = new Rating();
        if (command == null || command.verb() == null) {
            return rating.destructive("the command has no verb, so its effect cannot be known").risk();
        }
        CommandArguments args = command.arguments();
        if (READS.contains(command.verb())) {
            rateRead(command, args, rating);
            return rating.risk();
        }
        rating.caution(command.verb().name().toLowerCase(Locale.ROOT).replace('_', '-') + " changes the cluster");
        rateWrite(command, args, rating);
        String namespace = command.namespace() != null ? command.namespace() : defaultNamespace;
        if (namespace != null && SYSTEM_NAMESPACES.contains(namespace) && !Boolean.TRUE.equals(command.allNamespaces())) {
            rating.destructive("changes objects in the system namespace " + namespace);
        }
        return rating.risk();
    }

    /** Rates a command as written, without a session default namespace. */
    public Risk classify(Command command) {
        return classify(command, null);
    }

    private static void rateRead(Command command, CommandArguments args, Rating rating) {
        boolean secret = command.resource() != null && "secret".equalsIgnoreCase(command.resource().kind());
        String output = args == null ? null : args.output();
        if (secret && command.verb() == Verb.GET && ("yaml".equals(output) || "json".equals(output))) {
            rating.caution("reads secret values; they are redacted in results");
        } else {
            rating.safe("only reads");
        }
    }

    private static void rateWrite(Command command, CommandArguments args, Rating rating) {
        String kind = command.resource() == null ? null : command.resource().kind();
        switch (command.verb()) {
            case DELETE -> rating.destructive(kind == null ? "deletes objects" : "deletes " + kind + " objects");
            case DRAIN -> rating.destructive("drains the node, evicting every pod on it");
            case SCALE -> {
                if (args == null || args.replicas() == null || args.replicas() == 0) {
                    rating.destructive("scales to zero replicas, stopping every pod");
                }
            }
            case TAINT -> {
                if (args != null && args.taints() != null
                        && args.taints().stream().anyMatch(RiskClassifier::evicts)) {
                    rating.destructive("a NoExecute taint evicts running pods from the node");
                }
            }
            case PATCH, APPLY, CREATE -> rateManifestLike(command, kind, rating);
            default -> {
                // other writes are routinely undone; the general rules below still apply
            }
        }
        // The verb is only the floor: what the write puts into the object decides too.
        WriteEffects.of(command).forEach(rating::destructive);
        if (in(RBAC_KINDS, kind) || command.resource() != null && command.resource().apiVersion() != null
                && command.resource().apiVersion().toLowerCase(Locale.ROOT).startsWith(RBAC_GROUP + "/")) {
            rating.destructive("changes RBAC (" + kind + "), which can grant privileges");
        }
        if (in(CONTROL_KINDS, kind)) {
            rating.destructive("changes a " + kind + ", which decides what may run and as whom");
        }
        if (in(CLUSTER_CRITICAL_KINDS, kind) && SPEC_WRITES.contains(command.verb())
                && !(command.verb() == Verb.CREATE && "namespace".equalsIgnoreCase(kind))) {
            rating.destructive("changes a cluster-wide " + kind);
        }
        if (Boolean.TRUE.equals(command.allNamespaces())) {
            rating.destructive("writes across all namespaces");
        }
        if (args != null && Boolean.TRUE.equals(args.all())) {
            rating.destructive("writes every object of the kind (--all)");
        }
        if (command.selector() != null && (command.selector().labels() != null || command.selector().fields() != null)) {
            rating.destructive("writes every object the selector matches");
        }
        if (command.name() == null && command.verb() != Verb.CREATE && command.verb() != Verb.APPLY) {
            rating.destructive("names no object, so it writes many");
        }
    }

    private static void rateManifestLike(Command command, String kind, Rating rating) {
        if (command.manifest() instanceof Map<?, ?> manifest) {
            Object manifestKind = manifest.get("kind");
            if (in(RBAC_KINDS, manifestKind) || manifest.get("apiVersion") instanceof String v
                    && v.toLowerCase(Locale.ROOT).startsWith(RBAC_GROUP + "/")) {
                rating.destructive("the manifest is RBAC (" + manifestKind + "), which can grant privileges");
            }
            if (in(CONTROL_KINDS, manifestKind)) {
                rating.destructive("the manifest is a " + manifestKind + ", which decides what may run and as whom");
            }
            if (in(CLUSTER_CRITICAL_KINDS, manifestKind) && !"namespace".equalsIgnoreCase((String) manifestKind)) {
                rating.destructive("the manifest changes a cluster-wide " + manifestKind);
            }
            if (manifestKind == null || "List".equals(manifestKind)) {
                rating.destructive("the manifest's kind cannot be checked object by object");
            }
            if (manifest.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("namespace") instanceof String ns && SYSTEM_NAMESPACES.contains(ns)) {
                rating.destructive("the manifest writes into the system namespace " + ns);
            }
        } else if (command.manifest() != null) {
            rating.destructive("the manifest is not a single object");
        }
        if ("secret".equalsIgnoreCase(kind)) {
            rating.caution("writes secret values");
        }
    }

    private static boolean evicts(Taint taint) {
        return "NoExecute".equals(taint.effect()) && !Boolean.TRUE.equals(taint.remove());
    }

    /** The highest level seen so far and every reason given at that level. */
    private static final class Rating {
        private RiskLevel level = RiskLevel.SAFE;
        private final List<String> reasons = new ArrayList<>();

        Rating safe(String reason) {
            return raise(RiskLevel.SAFE, reason);
        }

        Rating caution(String reason) {
            return raise(RiskLevel.CAUTION, reason);
        }

        Rating destructive(String reason) {
            return raise(RiskLevel.DESTRUCTIVE, reason);
        }

        private Rating raise(RiskLevel candidate, String reason) {
            if (candidate.compareTo(level) > 0) {
                level = candidate;
                reasons.clear();
            }
            if (candidate == level && !reasons.contains(reason)) {
                reasons.add(reason);
            }
            return this;
        }

        Risk risk() {
            return new Risk(level, List.copyOf(reasons));
        }
    }
}
