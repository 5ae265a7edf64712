package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * rollout status, history and undo of StatefulSets and DaemonSets, read from their ControllerRevisions
 * with the messages kubectl prints; undo puts a revision's recorded template back as kubectl does.
 */
final class RevisionRollouts {

    private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** The rollout as it stands now, a snapshot rather than kubectl's wait. */
    CommandResult status(KubernetesClient client, String kind, String namespace, String name) {
        HasMetadata object = get(client, kind, namespace, name);
        return Writes.summary(object instanceof StatefulSet set ? statefulSetStatus(set) : daemonSetStatus((DaemonSet) object));
    }

    private static String statefulSetStatus(StatefulSet set) {
        if (set.getSpec().getUpdateStrategy() != null && !"RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType())) {
            throw new CommandRefusedException("rollout status is only available for RollingUpdate strategy type");
        }
        StatefulSetStatus status = set.getStatus();
        long observed = status == null ? 0 : Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        if (status == null || observed < set.getMetadata().getGeneration()) {
            return "Waiting for statefulset spec update to be observed...";
        }
        int desired = Objects.requireNonNullElse(set.getSpec().getReplicas(), 1);
        int ready = Objects.requireNonNullElse(status.getReadyReplicas(), 0);
        if (ready < desired) {
            return "Waiting for " + (desired - ready) + " pods to be ready...";
        }
        Integer partition = set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
                ? null : set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        if (partition != null && partition > 0) {
            return updated < desired - partition
                    ? "Waiting for partitioned roll out to finish: " + updated + " out of " + (desired - partition) + " new pods have been updated..."
                    : "partitioned roll out complete: " + updated + " new pods have been updated...";
        }
        if (!Objects.equals(status.getUpdateRevision(), status.getCurrentRevision())) {
            return "waiting for statefulset rolling update to complete " + updated + " pods at revision " + status.getUpdateRevision() + "...";
        }
        return "statefulset rolling update complete " + Objects.requireNonNullElse(status.getCurrentReplicas(), 0)
                + " pods at revision " + status.getCurrentRevision() + "...";
    }

    private static String daemonSetStatus(DaemonSet set) {
        String name = set.getMetadata().getName();
        if (set.getSpec().getUpdateStrategy() != null && !"RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType())) {
            throw new CommandRefusedException("rollout status is only available for RollingUpdate strategy type");
        }
        DaemonSetStatus status = set.getStatus();
        long observed = status == null ? 0 : Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        if (status == null || observed < set.getMetadata().getGeneration()) {
            return "Waiting for daemon set spec update to be observed...";
        }
        int desired = Objects.requireNonNullElse(status.getDesiredNumberScheduled(), 0);
        int updated = Objects.requireNonNullElse(status.getUpdatedNumberScheduled(), 0);
        int available = Objects.requireNonNullElse(status.getNumberAvailable(), 0);
        if (updated < desired) {
            return "Waiting for daemon set \"" + name + "\" rollout to finish: " + updated + " out of " + desired + " new pods have been updated...";
        }
        if (available < desired) {
            return "Waiting for daemon set \"" + name + "\" rollout to finish: " + available + " of " + desired + " updated pods are available...";
        }
        return "daemon set \"" + name + "\" successfully rolled out";
    }

    CommandResult history(KubernetesClient client, String kind, String namespace, String name) {
        HasMetadata object = get(client, kind, namespace, name);
        List<List<String>> rows = new ArrayList<>();
        for (ControllerRevision revision : revisions(client, object)) {
            Map<String, String> annotations = revision.getMetadata().getAnnotations();
            rows.add(List.of(String.valueOf(revision.getRevision()),
                    annotations == null ? "<none>" : annotations.getOrDefault(CHANGE_CAUSE, "<none>")));
        }
        return new CommandResult(qualified(kind, name), List.of("REVISION", "CHANGE-CAUSE"), rows, null, false, rows.size());
    }

    /** Patches the object with an earlier revision's recorded template: the previous one by default. */
    CommandResult undo(KubernetesClient client, String kind, String namespace, String name, Long toRevision) {
        HasMetadata object = get(client, kind, namespace, name);
        List<ControllerRevision> revisions = revisions(client, object);
        long current = revisions.isEmpty() ? 0 : revisions.get(revisions.size() - 1).getRevision();
        boolean previous = toRevision == null || toRevision == 0;
        ControllerRevision target = revisions.stream()
                .filter(r -> previous ? r.getRevision() < current : r.getRevision().equals(toRevision))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CommandRefusedException(previous ? "no rollout history found for " + qualified(kind, name)
                        : "unable to find the specified revision " + toRevision));
        if (!previous && toRevision == current) {
            return Writes.summary(qualified(kind, name) + " skipped rollback (current template already matches revision " + toRevision + ")");
        }
        String patch = Serialization.asJson(target.getData());
        PatchContext strategic = PatchContext.of(PatchType.STRATEGIC_MERGE);
        if ("StatefulSet".equals(kind)) {
            client.apps().statefulSets().inNamespace(namespace).withName(name).patch(strategic, patch);
        } else {
            client.apps().daemonSets().inNamespace(namespace).withName(name).patch(strategic, patch);
        }
        return Writes.summary(qualified(kind, name) + " rolled back to revision " + target.getRevision());
    }

    private static List<ControllerRevision> revisions(KubernetesClient client, HasMetadata object) {
        return client.apps().controllerRevisions().inNamespace(object.getMetadata().getNamespace()).list().getItems().stream()
                .filter(r -> r.getMetadata().getOwnerReferences() != null && r.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(object.getMetadata().getUid())))
                .sorted(Comparator.comparingLong(ControllerRevision::getRevision))
                .toList();
    }

    private static HasMetadata get(KubernetesClient client, String kind, String namespace, String name) {
        HasMetadata object = "StatefulSet".equals(kind)
                ? client.apps().statefulSets().inNamespace(namespace).withName(name).get()
                : client.apps().daemonSets().inNamespace(namespace).withName(name).get();
        if (object == null) {
            throw new ObjectNotFoundException(qualified(kind, name) + " not found in namespace " + namespace);
        }
        return object;
    }

    private static String qualified(String kind, String name) {
        return kind.toLowerCase(Locale.ROOT) + ".apps/" + name;
    }
}
