package io.kubechat.operator.access;

import io.kubechat.crds.v1alpha1.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * Every permission a command needs, derived from the structured command alone and matching what
 * kubectl would ask the API server for. The requester must hold all of them before anything runs.
 */
public final class RequiredAccess {

    private RequiredAccess() {
    }

    /**
     * @param kind      the resolved kind of {@code command.resource()}, or null for verbs without one
     * @param namespace the effective namespace (command's, else the session's default); null for all namespaces
     */
    public static List<AccessRequirement> of(Command command, ResourceKind kind, String namespace) {
        String name = command.name();
        boolean many = name == null;
        List<AccessRequirement> needs = new ArrayList<>();
        switch (command.verb()) {
            case GET, ROLLOUT_STATUS -> needs.add(read(kind, namespace, name));
            case DESCRIBE -> {
                needs.add(read(kind, namespace, name));
                needs.add(AccessRequirement.on("list", ResourceKind.EVENTS, namespace, null));
            }
            case EVENTS -> needs.add(AccessRequirement.on("list", ResourceKind.EVENTS, namespace, null));
            case DIAGNOSE -> {
                // the pods and events are what a diagnosis reads; nodes, claims and logs only when allowed
                needs.add(read(kind, namespace, name));
                if (kind.namespaced() || "Namespace".equals(kind.kind())) {
                    String where = "Namespace".equals(kind.kind()) ? name : namespace;
                    needs.add(AccessRequirement.on("list", ResourceKind.PODS, where, null));
                    needs.add(AccessRequirement.on("list", ResourceKind.EVENTS, where, null));
                }
            }
            case LOGS -> {
                if (ResourceKind.PODS.kind().equals(kind.kind())) {
                    needs.add(read(kind, namespace, name));
                } else {
                    needs.add(read(kind, namespace, name));
                    needs.add(AccessRequirement.on("list", ResourceKind.PODS, namespace, null));
                }
                needs.add(AccessRequirement.onSubresource("get", ResourceKind.PODS, "log", namespace,
                        ResourceKind.PODS.kind().equals(kind.kind()) ? name : null));
            }
            case TOP -> needs.add(new AccessRequirement(many ? "list" : "get", "metrics.k8s.io", kind.plural(), null,
                    kind.namespaced() ? namespace : null, name));
            case ROLLOUT_HISTORY -> {
                needs.add(read(kind, namespace, name));
                needs.add(AccessRequirement.on("list", revisionsOf(kind), namespace, null));
            }
            case ROLLOUT_UNDO -> {
                needs.add(AccessRequirement.on("patch", kind, namespace, name));
                needs.add(AccessRequirement.on("list", revisionsOf(kind), namespace, null));
            }
            case ROLLOUT_RESTART, ROLLOUT_PAUSE, ROLLOUT_RESUME, SET_IMAGE, SET_ENV, SET_RESOURCES, SET_SERVICEACCOUNT,
                    LABEL, ANNOTATE, PATCH, CORDON, UNCORDON, TAINT -> {
                if (command.arguments() != null && command.arguments().envFrom() != null) {
                    // set env --from reads the keys of the ConfigMap or Secret it imports
                    String[] source = command.arguments().envFrom().split("/", 2);
                    needs.add(AccessRequirement.on("get", "secret".equals(source[0]) ? ResourceKind.SECRETS : ResourceKind.CONFIG_MAPS,
                            namespace, source[1]));
                }
                if (many) {
                    needs.add(AccessRequirement.on("list", kind, namespace, null));
                }
                needs.add(AccessRequirement.on("patch", kind, namespace, name));
            }
            case SCALE -> {
                if (many) {
                    needs.add(AccessRequirement.on("list", kind, namespace, null));
                }
                needs.add(AccessRequirement.onSubresource("patch", kind, "scale", namespace, name));
            }
            case DRAIN -> {
                needs.add(AccessRequirement.on("patch", ResourceKind.NODES, null, name));
                needs.add(AccessRequirement.on("list", ResourceKind.PODS, null, null));
                needs.add(AccessRequirement.onSubresource("create", ResourceKind.PODS, "eviction", null, null));
            }
            case CREATE -> {
                if (command.arguments() != null && command.arguments().fromCronJob() != null) {
                    needs.add(AccessRequirement.on("get", ResourceKind.CRON_JOBS, namespace, command.arguments().fromCronJob()));
                }
                needs.add(AccessRequirement.on("create", kind, namespace, null));
            }
            case EXPOSE -> {
                needs.add(AccessRequirement.on("get", kind, namespace, name));
                needs.add(AccessRequirement.on("create", ResourceKind.SERVICES, namespace, null));
            }
            case AUTOSCALE -> {
                needs.add(AccessRequirement.on("get", kind, namespace, name));
                needs.add(AccessRequirement.on("create", ResourceKind.HORIZONTAL_POD_AUTOSCALERS, namespace, null));
            }
            case APPLY -> {
                // Server-side apply patches an existing object and creates a missing one.
                needs.add(AccessRequirement.on("patch", kind, namespace, name));
                needs.add(AccessRequirement.on("create", kind, namespace, null));
            }
            case DELETE -> {
                if (many) {
                    needs.add(AccessRequirement.on("list", kind, namespace, null));
                }
                needs.add(AccessRequirement.on("delete", kind, namespace, name));
            }
            case CLUSTER_INFO -> needs.add(AccessRequirement.on("list", ResourceKind.SERVICES, "kube-system", null));
            // Discovery and self-review are open to every authenticated user.
            case AUTH_CAN_I, EXPLAIN, API_RESOURCES, VERSION -> {
            }
        }
        return List.copyOf(needs);
    }

    private static AccessRequirement read(ResourceKind kind, String namespace, String name) {
        return AccessRequirement.on(name == null ? "list" : "get", kind, namespace, name);
    }

    private static ResourceKind revisionsOf(ResourceKind kind) {
        return "Deployment".equals(kind.kind()) ? ResourceKind.REPLICA_SETS : ResourceKind.CONTROLLER_REVISIONS;
    }
}
