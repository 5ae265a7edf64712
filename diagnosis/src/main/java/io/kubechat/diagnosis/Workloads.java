package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a workload's own status says: a paused or stuck rollout, pods its ReplicaSet cannot create
 * (a quota, an admission policy), or a Job past its backoff limit.
 */
final class Workloads implements Analyzer {

    @Override
    public List<Finding> analyze(Snapshot snapshot) {
        if (snapshot.target() instanceof Deployment deployment) {
            return deployment(snapshot, deployment);
        }
        if (snapshot.target() instanceof Job job) {
            return job(job);
        }
        return List.of();
    }

    private static List<Finding> deployment(Snapshot snapshot, Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        String name = deployment.getMetadata().getName();
        String where = "deployment " + deployment.getMetadata().getNamespace() + "/" + name;
        Fixes.Workload workload = Fixes.of(deployment);
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            findings.add(new Finding(Cause.ROLLOUT_PAUSED, "deployment " + name, "The rollout of deployment " + name
                    + " is paused, so changes to its pods are not rolled out.",
                    List.of(new Evidence(where + " spec.paused", "true")), List.of(Fixes.resume(workload))));
        }
        List<DeploymentCondition> conditions = deployment.getStatus() == null || deployment.getStatus().getConditions() == null
                ? List.of() : deployment.getStatus().getConditions();
        for (DeploymentCondition condition : conditions) {
            String quote = "type: " + condition.getType() + ", status: " + condition.getStatus() + ", reason: " + condition.getReason()
                    + (condition.getMessage() == null ? "" : ", message: " + condition.getMessage());
            if ("ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                findings.add(new Finding(Cause.CANNOT_CREATE_PODS, "deployment " + name, "Deployment " + name + " cannot create its pods: "
                        + condition.getMessage() + ".", List.of(new Evidence(where + " status.conditions[ReplicaFailure]", quote)), List.of()));
            }
            if ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                findings.add(new Finding(Cause.ROLLOUT_STUCK, "deployment " + name, "The rollout of deployment " + name
                        + " has stopped making progress: its new pods do not become available.",
                        List.of(new Evidence(where + " status.conditions[Progressing]", quote)), List.of(Fixes.undo(workload))));
            }
        }
        if (findings.stream().noneMatch(f -> f.cause() == Cause.CANNOT_CREATE_PODS)) {
            // the condition comes late; the ReplicaSet's FailedCreate event says it first
            snapshot.events().stream().filter(e -> "FailedCreate".equals(e.getReason()) && e.getInvolvedObject() != null
                            && "ReplicaSet".equals(e.getInvolvedObject().getKind()) && e.getInvolvedObject().getName().startsWith(name + "-"))
                    .reduce((a, b) -> b).ifPresent(e -> findings.add(cannotCreate(name, e)));
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int available = deployment.getStatus() == null ? 0 : Objects.requireNonNullElse(deployment.getStatus().getAvailableReplicas(), 0);
        if (findings.isEmpty() && available < desired && snapshot.pods().isEmpty()) {
            findings.add(new Finding(Cause.CANNOT_CREATE_PODS, "deployment " + name, "Deployment " + name + " wants " + desired
                    + " pods but has none, and no event says why.", List.of(new Evidence(where + " status.availableReplicas",
                    String.valueOf(available))), List.of()));
        }
        return findings;
    }

    private static Finding cannotCreate(String name, Event event) {
        return new Finding(Cause.CANNOT_CREATE_PODS, "deployment " + name, "Deployment " + name + " cannot create its pods: " + event.getMessage() + ".",
                List.of(Scheduling.eventEvidence(event)), List.of());
    }

    private static List<Finding> job(Job job) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.of() : job.getStatus().getConditions();
        for (JobCondition condition : conditions) {
            if ("Failed".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                return List.of(new Finding(Cause.JOB_FAILED, "job " + job.getMetadata().getName(), "Job " + job.getMetadata().getName() + " has failed: "
                        + (condition.getMessage() == null ? condition.getReason() : condition.getMessage()) + ".",
                        List.of(new Evidence("job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName()
                                + " status.conditions[Failed]", "reason: " + condition.getReason()
                                + (condition.getMessage() == null ? "" : ", message: " + condition.getMessage()))), List.of()));
            }
        }
        return List.of();
    }
}
