package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Taint;
import java.time.Duration;
import java.util.ArrayList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** cordon, uncordon, taint and drain, as kubectl does them. */
final class Nodes {

    private static final Retry ON_CONFLICT = Retry.of("node-update-conflict", RetryConfig.custom()
            .maxAttempts(5)
            .waitDuration(Duration.ofMillis(50))
            .retryOnException(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
            .build());

    CommandResult cordon(KubernetesClient client, String node, boolean unschedulable) {
        Node current = get(client, node);
        boolean already = Boolean.TRUE.equals(current.getSpec().getUnschedulable()) == unschedulable;
        if (!already) {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"unschedulable\":" + (unschedulable ? "true" : "null") + "}}");
        }
        return Writes.summary("node/" + node + (already ? " already " : " ") + (unschedulable ? "cordoned" : "uncordoned"));
    }

    CommandResult taint(KubernetesClient client, String node, List<Taint> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new CommandRefusedException("taint needs arguments.taints");
        }
        // The node's status changes all the time (heartbeats), and each change fails the locked patch: read again and retry.
        return Retry.decorateSupplier(ON_CONFLICT, () -> taintOnce(client, node, changes)).get();
    }

    private CommandResult taintOnce(KubernetesClient client, String node, List<Taint> changes) {
        Node current = get(client, node);
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(
                current.getSpec().getTaints() == null ? List.of() : current.getSpec().getTaints());
        for (Taint change : changes) {
            boolean removed = taints.removeIf(t -> t.getKey().equals(change.key())
                    && (change.effect() == null || change.effect().equals(t.getEffect())));
            if (Boolean.TRUE.equals(change.remove())) {
                if (!removed) {
                    throw new CommandRefusedException("taint \"" + change.key() + "\" not found on node/" + node);
                }
            } else {
                if (change.effect() == null) {
                    throw new CommandRefusedException("a taint to add needs an effect: NoSchedule, PreferNoSchedule or NoExecute");
                }
                taints.add(new TaintBuilder().withKey(change.key()).withValue(change.value()).withEffect(change.effect()).build());
            }
        }
        // A merge patch replaces the list whole; the resourceVersion makes a concurrent change fail rather than be lost.
        client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of(
                "metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()),
                "spec", Map.of("taints", taints))));
        return Writes.summary("node/" + node + " modified");
    }

    /**
     * Cordons the node, then evicts its pods through the Eviction API so PodDisruptionBudgets are
     * respected. Like kubectl, refuses up front for DaemonSet pods, unmanaged pods and emptyDir data
     * unless told to proceed.
     */
    CommandResult drain(KubernetesClient client, String node, CommandArguments arguments) {
        boolean ignoreDaemonSets = arguments != null && Boolean.TRUE.equals(arguments.ignoreDaemonSets());
        boolean deleteEmptyDirData = arguments != null && Boolean.TRUE.equals(arguments.deleteEmptyDirData());
        cordon(client, node, true);
        List<Pod> pods = client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
        List<Pod> toEvict = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror")) {
                continue;
            }
            if (ownedBy(pod, "DaemonSet")) {
                if (!ignoreDaemonSets) {
                    problems.add("cannot delete DaemonSet-managed pod " + name + " (set ignoreDaemonSets)");
                }
                continue;
            }
            if (pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty()) {
                problems.add("cannot delete pod " + name + ", not managed by a controller");
            }
            if (!deleteEmptyDirData && pod.getSpec().getVolumes() != null
                    && pod.getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null)) {
                problems.add("cannot delete pod " + name + " with local storage (set deleteEmptyDirData)");
            }
            toEvict.add(pod);
        }
        if (!problems.isEmpty()) {
            throw new CommandRefusedException("node/" + node + " is cordoned but not drained: " + String.join("; ", problems));
        }
        List<String> lines = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Pod pod : toEvict) {
            String name = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).evict()) {
                lines.add("evicting pod " + name);
            } else {
                blocked.add("eviction of pod " + name + " blocked by a PodDisruptionBudget");
            }
        }
        lines.addAll(blocked);
        String summary = blocked.isEmpty() ? "node/" + node + " drained" : "node/" + node + " cordoned; " + blocked.size() + " pod(s) not evicted";
        return new CommandResult(summary, null, null, String.join("\n", lines), false, toEvict.size());
    }

    private static boolean ownedBy(Pod pod, String kind) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> Objects.equals(kind, o.getKind()));
    }

    private static Node get(KubernetesClient client, String node) {
        Node found = client.nodes().withName(node).get();
        if (found == null) {
            throw new ObjectNotFoundException("node/" + node + " not found");
        }
        return found;
    }
}
