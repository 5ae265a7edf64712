package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import java.util.Map;
import java.util.Optional;

/** Structured commands a finding suggests, aimed at the workload that owns the pods, never at a pod. */
final class Fixes {

    private Fixes() {
    }

    /** The Deployment, StatefulSet or DaemonSet behind a pod (a ReplicaSet's name is its Deployment's plus the template hash). */
    static Optional<Workload> ownerOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            String hash = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("pod-template-hash");
            if ("ReplicaSet".equals(owner.getKind()) && hash != null && owner.getName().endsWith("-" + hash)) {
                return Optional.of(new Workload("Deployment", owner.getName().substring(0, owner.getName().length() - hash.length() - 1),
                        pod.getMetadata().getNamespace()));
            }
            if ("StatefulSet".equals(owner.getKind()) || "DaemonSet".equals(owner.getKind())) {
                return Optional.of(new Workload(owner.getKind(), owner.getName(), pod.getMetadata().getNamespace()));
            }
        }
        return Optional.empty();
    }

    static Workload of(HasMetadata object) {
        return new Workload(object.getKind(), object.getMetadata().getName(), object.getMetadata().getNamespace());
    }

    static Command memoryLimit(Workload workload, String container, String limit) {
        return workload.command(Verb.SET_RESOURCES, Map.of("container", container, "limits", Map.of("memory", limit)));
    }

    static Command undo(Workload workload) {
        return workload.command(Verb.ROLLOUT_UNDO, Map.of());
    }

    static Command resume(Workload workload) {
        return workload.command(Verb.ROLLOUT_RESUME, Map.of());
    }

    static Command restart(Workload workload) {
        return workload.command(Verb.ROLLOUT_RESTART, Map.of());
    }

    /** A workload a fix acts on. */
    record Workload(String kind, String name, String namespace) {

        Command command(Verb verb, Map<String, Object> arguments) {
            CommandArguments args = arguments.isEmpty() ? null : Serialization.jsonMapper().convertValue(arguments, CommandArguments.class);
            return new Command(verb, new ResourceType(kind, "apps/v1"), name, namespace, null, null, args, null);
        }
    }
}
