package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubechat.crds.v1alpha1.Command;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the containers' states say: a crash loop with its exit code and last log lines, a container
 * killed for memory with its limit, an image that cannot be pulled, a ConfigMap or Secret it needs
 * that is missing, or a container that runs but is not ready.
 */
final class ContainerStates implements Analyzer {

    private static final int LOG_LINES = 5;

    @Override
    public List<Finding> analyze(Snapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                finding(snapshot, pod, status).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static Optional<Finding> finding(Snapshot snapshot, Pod pod, ContainerStatus status) {
        String where = "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        String field = where + " status.containerStatuses[" + status.getName() + "]";
        ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
        ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        Optional<Fixes.Workload> owner = Fixes.ownerOf(pod);
        String subject = owner.map(o -> o.kind().toLowerCase() + " " + o.name()).orElse("pod " + pod.getMetadata().getName());
        if (last != null && "OOMKilled".equals(last.getReason())) {
            String limit = memoryLimit(pod, status.getName());
            List<Command> fixes = owner.flatMap(o -> doubled(limit).map(l -> Fixes.memoryLimit(o, status.getName(), l))).stream().toList();
            return Optional.of(new Finding(Cause.OUT_OF_MEMORY, subject + "/" + status.getName(), "Container " + status.getName() + " of " + subject
                    + " was killed for using more memory than its limit" + (limit == null ? " (no limit is set; the node ran out)" : " of " + limit)
                    + " and restarted " + restarts(status) + ".",
                    List.of(new Evidence(field + ".lastState.terminated", "reason: OOMKilled, exitCode: " + last.getExitCode())), fixes));
        }
        if (waiting == null) {
            return notReady(pod, status, field, subject);
        }
        String reason = waiting.getReason() == null ? "" : waiting.getReason();
        String message = waiting.getMessage() == null ? "" : waiting.getMessage();
        return switch (reason) {
            case "CreateContainerConfigError", "CreateContainerError" -> Optional.of(new Finding(Cause.CONFIG_MISSING, subject + "/" + status.getName(),
                    "Container " + status.getName() + " of " + subject + " cannot start: " + message + ".",
                    List.of(new Evidence(field + ".state.waiting", "reason: " + reason + ", message: " + message)), List.of()));
            case "ImagePullBackOff", "ErrImagePull", "InvalidImageName" -> Optional.of(new Finding(Cause.IMAGE_PULL, subject + "/" + status.getName(),
                    "The image " + image(pod, status) + " of container " + status.getName() + " in " + subject + " cannot be pulled"
                            + (message.isEmpty() ? "" : ": " + message) + ".",
                    List.of(new Evidence(field + ".state.waiting", "reason: " + reason + (message.isEmpty() ? "" : ", message: " + message))),
                    owner.filter(o -> "Deployment".equals(o.kind())).map(Fixes::undo).stream().toList()));
            case "CrashLoopBackOff" -> Optional.of(crashLoop(snapshot, pod, status, field, subject, last, owner));
            default -> Optional.empty();
        };
    }

    private static Finding crashLoop(Snapshot snapshot, Pod pod, ContainerStatus status, String field, String subject,
                                     ContainerStateTerminated last, Optional<Fixes.Workload> owner) {
        List<Evidence> evidence = new ArrayList<>();
        String exit = last == null ? "" : " with exit code " + last.getExitCode() + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
        evidence.add(new Evidence(field + ".state.waiting", "reason: CrashLoopBackOff, restartCount: " + status.getRestartCount()));
        if (last != null) {
            evidence.add(new Evidence(field + ".lastState.terminated", "exitCode: " + last.getExitCode()
                    + (last.getReason() == null ? "" : ", reason: " + last.getReason())
                    + (last.getMessage() == null ? "" : ", message: " + last.getMessage())));
        }
        String logs = snapshot.previousLogs().get(pod.getMetadata().getName() + "/" + status.getName());
        if (logs != null && !logs.isBlank()) {
            evidence.add(new Evidence("logs of the previous " + status.getName() + " container in pod " + pod.getMetadata().getName(),
                    lastLines(logs)));
        }
        return new Finding(Cause.CRASH_LOOP, subject + "/" + status.getName(), "Container " + status.getName() + " of " + subject + " keeps crashing" + exit
                + " and has restarted " + restarts(status) + "; its last log lines say why.", evidence,
                owner.filter(o -> "Deployment".equals(o.kind())).map(Fixes::undo).stream().toList());
    }

    private static Optional<Finding> notReady(Pod pod, ContainerStatus status, String field, String subject) {
        boolean running = status.getState() != null && status.getState().getRunning() != null;
        if (!running || Boolean.TRUE.equals(status.getReady()) || pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        Container container = container(pod, status.getName());
        String probe = container != null && container.getReadinessProbe() != null ? " its readiness probe fails" : " it is not ready";
        return Optional.of(new Finding(Cause.NOT_READY, subject + "/" + status.getName(), "Container " + status.getName() + " of " + subject + " runs but"
                + probe + ", so it receives no traffic.", List.of(new Evidence(field, "ready: false, state: running")), List.of()));
    }

    private static String restarts(ContainerStatus status) {
        int count = status.getRestartCount() == null ? 0 : status.getRestartCount();
        return count == 1 ? "once" : count + " times";
    }

    private static String lastLines(String logs) {
        String[] lines = logs.strip().split("\n");
        int from = Math.max(0, lines.length - LOG_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static Container container(Pod pod, String name) {
        return pod.getSpec() == null ? null : pod.getSpec().getContainers().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    private static String image(Pod pod, ContainerStatus status) {
        Container container = container(pod, status.getName());
        return container != null ? container.getImage() : status.getImage();
    }

    private static String memoryLimit(Pod pod, String name) {
        Container container = container(pod, name);
        if (container == null || container.getResources() == null || container.getResources().getLimits() == null) {
            return null;
        }
        Quantity limit = container.getResources().getLimits().get("memory");
        return limit == null ? null : limit.toString();
    }

    /** Twice the limit, in Mi: a first step the user can adjust, not a sizing. */
    private static Optional<String> doubled(String limit) {
        if (limit == null) {
            return Optional.empty();
        }
        BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(limit));
        long mebibytes = bytes.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(1024L * 1024L), java.math.RoundingMode.CEILING).longValue();
        return Optional.of(mebibytes + "Mi");
    }
}
