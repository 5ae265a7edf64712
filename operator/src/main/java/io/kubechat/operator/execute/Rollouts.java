package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** rollout status, history and undo of Deployments, read from their ReplicaSets as kubectl does. */
final class Rollouts {

    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** The rollout as it stands now; unlike kubectl it does not wait, the status is a snapshot. */
    CommandResult status(KubernetesClient client, String namespace, String name) {
        Deployment deployment = deployment(client, namespace, name);
        DeploymentStatus status = deployment.getStatus();
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = status == null ? 0 : Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int total = status == null ? 0 : Objects.requireNonNullElse(status.getReplicas(), 0);
        int available = status == null ? 0 : Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        long observed = status == null ? 0 : Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        String line;
        if (observed < deployment.getMetadata().getGeneration()) {
            line = "Waiting for deployment spec update to be observed...";
        } else if (updated < desired) {
            line = "Waiting for deployment \"" + name + "\" rollout to finish: " + updated + " out of " + desired + " new replicas have been updated...";
        } else if (total > updated) {
            line = "Waiting for deployment \"" + name + "\" rollout to finish: " + (total - updated) + " old replicas are pending termination...";
        } else if (available < updated) {
            line = "Waiting for deployment \"" + name + "\" rollout to finish: " + available + " of " + updated + " updated replicas are available...";
        } else {
            line = "deployment \"" + name + "\" successfully rolled out";
        }
        return Writes.summary(line);
    }

    CommandResult history(KubernetesClient client, String namespace, String name) {
        Deployment deployment = deployment(client, namespace, name);
        List<List<String>> rows = new ArrayList<>();
        for (ReplicaSet rs : revisions(client, deployment)) {
            Map<String, String> annotations = rs.getMetadata().getAnnotations();
            rows.add(List.of(annotations.get(REVISION), annotations.getOrDefault(CHANGE_CAUSE, "<none>")));
        }
        return new CommandResult("deployment.apps/" + name, List.of("REVISION", "CHANGE-CAUSE"), rows, null, false, rows.size());
    }

    /** Puts the pod template of an earlier revision (the previous one by default) back on the Deployment. */
    CommandResult undo(KubernetesClient client, String namespace, String name, Long toRevision) {
        Deployment deployment = deployment(client, namespace, name);
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            throw new CommandRefusedException("you cannot roll back a paused deployment; resume it first");
        }
        List<ReplicaSet> revisions = revisions(client, deployment);
        long current = revisions.isEmpty() ? 0 : revision(revisions.get(revisions.size() - 1));
        ReplicaSet target = revisions.stream()
                .filter(rs -> toRevision == null || toRevision == 0 ? revision(rs) < current : revision(rs) == toRevision)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CommandRefusedException(toRevision == null || toRevision == 0
                        ? "no rollout history found for deployment \"" + name + "\""
                        : "unable to find the specified revision " + toRevision));
        if (toRevision != null && toRevision == current) {
            return Writes.summary("deployment.apps/" + name + " skipped rollback (current template already matches revision " + toRevision + ")");
        }
        var template = target.getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.remove("pod-template-hash");
        template.getMetadata().setLabels(labels);
        // Replace, not merge: keys the old template lacks (a restartedAt annotation) must go too.
        client.apps().deployments().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON),
                Serialization.asJson(List.of(Map.of("op", "replace", "path", "/spec/template", "value", template))));
        return Writes.summary("deployment.apps/" + name + " rolled back to revision " + revision(target));
    }

    private static List<ReplicaSet> revisions(KubernetesClient client, Deployment deployment) {
        return client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace())
                .withLabelSelector(deployment.getSpec().getSelector()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(deployment.getMetadata().getUid())))
                .filter(rs -> rs.getMetadata().getAnnotations() != null && rs.getMetadata().getAnnotations().containsKey(REVISION))
                .sorted(Comparator.comparingLong(Rollouts::revision))
                .toList();
    }

    private static long revision(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get(REVISION));
    }

    private static Deployment deployment(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new ObjectNotFoundException("deployment.apps/" + name + " not found in namespace " + namespace);
        }
        return deployment;
    }
}
