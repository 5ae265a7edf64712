package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a pod is Pending: the scheduler's own words (insufficient CPU or memory, taints not tolerated, a
 * node selector or affinity no node matches), or a volume claim that is not bound.
 */
final class Scheduling implements Analyzer {

    @Override
    public List<Finding> analyze(Snapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            if (pod.getStatus() == null || !"Pending".equals(pod.getStatus().getPhase()) || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            unboundClaim(snapshot, pod).ifPresentOrElse(findings::add, () -> unschedulable(snapshot, pod).ifPresent(findings::add));
        }
        return findings;
    }

    private static Optional<Finding> unboundClaim(Snapshot snapshot, Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return Optional.empty();
        }
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getPersistentVolumeClaim() == null) {
                continue;
            }
            String claimName = volume.getPersistentVolumeClaim().getClaimName();
            Optional<PersistentVolumeClaim> claim = snapshot.claims().stream()
                    .filter(c -> claimName.equals(c.getMetadata().getName())).findFirst();
            String where = "persistentvolumeclaim " + pod.getMetadata().getNamespace() + "/" + claimName;
            if (claim.isEmpty() && !snapshot.claims().isEmpty()) {
                return Optional.of(new Finding(Cause.VOLUME_CLAIM_UNBOUND, about(pod), "Pod " + pod.getMetadata().getName()
                        + " waits for the volume claim " + claimName + ", which does not exist.",
                        List.of(new Evidence("pod " + pod.getMetadata().getName() + " spec.volumes[" + volume.getName() + "]",
                                "persistentVolumeClaim.claimName: " + claimName)), List.of()));
            }
            if (claim.isPresent() && claim.get().getStatus() != null && !"Bound".equals(claim.get().getStatus().getPhase())) {
                String storageClass = claim.get().getSpec() == null ? null : claim.get().getSpec().getStorageClassName();
                storageClass = storageClass == null || storageClass.isBlank() ? null : storageClass;
                List<Evidence> evidence = new ArrayList<>(List.of(new Evidence(where + " status.phase", claim.get().getStatus().getPhase())));
                warnings(snapshot, "PersistentVolumeClaim", claimName).forEach(e -> evidence.add(eventEvidence(e)));
                return Optional.of(new Finding(Cause.VOLUME_CLAIM_UNBOUND, about(pod), "Pod " + pod.getMetadata().getName()
                        + " waits for its volume claim " + claimName + ", which is " + claim.get().getStatus().getPhase()
                        + (storageClass == null ? ": it names no storage class and no volume matches it" : " on storage class " + storageClass)
                        + ".", evidence, List.of()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> unschedulable(Snapshot snapshot, Pod pod) {
        String message = null;
        String source = null;
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus()) && condition.getMessage() != null) {
                    message = condition.getMessage();
                    source = "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " status.conditions[PodScheduled]";
                }
            }
        }
        Optional<Event> event = warnings(snapshot, "Pod", pod.getMetadata().getName()).stream()
                .filter(e -> "FailedScheduling".equals(e.getReason())).reduce((a, b) -> b);
        if (message == null && event.isPresent()) {
            message = event.get().getMessage();
            source = "event FailedScheduling on pod " + pod.getMetadata().getName();
        }
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.UNSCHEDULABLE, about(pod), "Pod " + pod.getMetadata().getName() + " cannot be scheduled: "
                + why(message, pod) + ".", List.of(new Evidence(source, message)), List.of()));
    }

    /** The scheduler's reason in plain words, with the pod's own requests when it lacks resources. */
    private static String why(String message, Pod pod) {
        String lower = message.toLowerCase(Locale.ROOT);
        List<String> reasons = new ArrayList<>();
        if (lower.contains("insufficient cpu")) {
            reasons.add("no node has the CPU it requests (" + requests(pod, "cpu") + ")");
        }
        if (lower.contains("insufficient memory")) {
            reasons.add("no node has the memory it requests (" + requests(pod, "memory") + ")");
        }
        if (lower.contains("untolerated taint") || lower.contains("had taint")) {
            reasons.add("the nodes carry taints it does not tolerate");
        }
        if (lower.contains("node affinity") || lower.contains("node selector") || lower.contains("didn't match pod's node")) {
            reasons.add("no node matches its node selector or affinity");
        }
        if (lower.contains("anti-affinity")) {
            reasons.add("every node it may run on already has a pod its anti-affinity keeps it away from");
        }
        if (lower.contains("unbound") && lower.contains("persistentvolumeclaim")) {
            reasons.add("a volume claim it needs is not bound");
        }
        return reasons.isEmpty() ? message.replaceAll("\\.+$", "") : String.join("; ", reasons);
    }

    private static String requests(Pod pod, String resource) {
        List<String> amounts = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            if (c.getResources() != null && c.getResources().getRequests() != null && c.getResources().getRequests().get(resource) != null) {
                amounts.add(c.getName() + ": " + c.getResources().getRequests().get(resource));
            }
        });
        return amounts.isEmpty() ? "none set" : String.join(", ", amounts);
    }

    private static String about(Pod pod) {
        return Fixes.ownerOf(pod).map(o -> o.kind().toLowerCase(Locale.ROOT) + " " + o.name()).orElse("pod " + pod.getMetadata().getName());
    }

    static List<Event> warnings(Snapshot snapshot, String kind, String name) {
        return snapshot.events().stream().filter(e -> e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
                && name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())).toList();
    }

    static Evidence eventEvidence(Event event) {
        return new Evidence("event " + event.getReason() + " on " + event.getInvolvedObject().getKind().toLowerCase(Locale.ROOT) + " "
                + event.getInvolvedObject().getName(), event.getMessage());
    }
}
