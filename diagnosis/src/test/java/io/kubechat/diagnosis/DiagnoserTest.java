package io.kubechat.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kubechat.crds.v1alpha1.Verb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each analyzer on objects as the API server returns them, without a cluster. */
class DiagnoserTest {

    private final Diagnoser diagnoser = new Diagnoser();

    @Test
    void aCrashLoopQuotesTheExitCodeAndTheLastLinesOfThePreviousContainer() {
        Pod pod = pod("checkout-5d7f-abcde", running(crashing("app", 1, "Error", 7)));
        List<Finding> findings = diagnoser.diagnose(new Snapshot(deployment("checkout", 2), List.of(pod), List.of(), List.of(), List.of(),
                Map.of("checkout-5d7f-abcde/app", "starting\nconnecting to db\nfatal: DB_URL is not set"), List.of()));
        Finding top = findings.get(0);
        assertThat(top.cause()).isEqualTo(Cause.CRASH_LOOP);
        assertThat(top.summary()).contains("deployment checkout", "exit code 1", "7 times");
        assertThat(top.evidence()).extracting(Evidence::quote).anySatisfy(q -> assertThat(q).contains("fatal: DB_URL is not set"));
        assertThat(top.fixes()).singleElement().satisfies(c -> assertThat(c.verb()).isEqualTo(Verb.ROLLOUT_UNDO));
    }

    @Test
    void manyPodsOfOneWorkloadCrashingAreOneFinding() {
        List<Pod> pods = List.of(pod("checkout-5d7f-aaaaa", running(crashing("app", 1, "Error", 3))),
                pod("checkout-5d7f-bbbbb", running(crashing("app", 1, "Error", 4))));
        assertThat(diagnoser.diagnose(snapshot(deployment("checkout", 2), pods))).hasSize(1);
    }

    @Test
    void anOutOfMemoryKillNamesTheLimitAndOffersTwiceIt() {
        Pod pod = pod("checkout-5d7f-abcde", running(crashing("app", 137, "OOMKilled", 2)));
        pod.getSpec().getContainers().get(0).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("256Mi")).build());
        Finding top = diagnoser.diagnose(snapshot(deployment("checkout", 1), List.of(pod))).get(0);
        assertThat(top.cause()).isEqualTo(Cause.OUT_OF_MEMORY);
        assertThat(top.summary()).contains("limit of 256Mi");
        assertThat(top.fixes()).singleElement().satisfies(c -> {
            assertThat(c.verb()).isEqualTo(Verb.SET_RESOURCES);
            assertThat(c.name()).isEqualTo("checkout");
            assertThat(c.arguments().limits()).containsEntry("memory", "512Mi");
            assertThat(c.arguments().container()).isEqualTo("app");
        });
    }

    @Test
    void aMissingSecretKeyRanksAboveWhatItCauses() {
        Pod config = pod("api-6c8d-aaaaa", running(waiting("app", "CreateContainerConfigError", "couldn't find key password in Secret shop/db")));
        Pod crash = pod("api-6c8d-bbbbb", running(crashing("app", 1, "Error", 2)));
        List<Finding> findings = diagnoser.diagnose(snapshot(deployment("api", 2), List.of(crash, config)));
        assertThat(findings.get(0).cause()).isEqualTo(Cause.CONFIG_MISSING);
        assertThat(findings.get(0).summary()).contains("couldn't find key password in Secret shop/db");
    }

    @Test
    void anImageThatCannotBePulledSaysWhichAndTheRegistrysWords() {
        Pod pod = pod("web-7f-aaaaa", running(waiting("app", "ImagePullBackOff", "Back-off pulling image \"nginx:9.99\"")));
        Finding top = diagnoser.diagnose(snapshot(deployment("web", 1), List.of(pod))).get(0);
        assertThat(top.cause()).isEqualTo(Cause.IMAGE_PULL);
        assertThat(top.summary()).contains("nginx:1.27", "Back-off pulling image");
    }

    @Test
    void aPendingPodSaysWhatTheSchedulerLacks() {
        Pod pod = pod("batch-1", null);
        pod.getSpec().getContainers().get(0).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("64")).build());
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition().build());
        Finding top = diagnoser.diagnose(snapshot(pod, List.of(pod))).get(0);
        assertThat(top.cause()).isEqualTo(Cause.UNSCHEDULABLE);
        assertThat(top.summary()).contains("CPU it requests (app: 64)");
        assertThat(top.evidence()).extracting(Evidence::quote).containsExactly("0/3 nodes are available: 3 Insufficient cpu.");
    }

    @Test
    void aPodWaitingForAnUnboundClaimSaysSoRatherThanBlamingTheScheduler() {
        Pod pod = pod("db-0", null);
        pod.getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("data")
                .withNewPersistentVolumeClaim().withClaimName("data-db-0").endPersistentVolumeClaim().build());
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").build());
        var claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-db-0").withNamespace("shop").endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        Finding top = diagnoser.diagnose(new Snapshot(pod, List.of(pod), List.of(), List.of(), List.of(claim), Map.of(), List.of())).get(0);
        assertThat(top.cause()).isEqualTo(Cause.VOLUME_CLAIM_UNBOUND);
        assertThat(top.summary()).contains("data-db-0", "no storage class");
    }

    @Test
    void aPausedRolloutOffersToResumeIt() {
        Deployment deployment = deployment("web", 1);
        deployment.getSpec().setPaused(true);
        Finding top = diagnoser.diagnose(snapshot(deployment, List.of(pod("web-7f-aaaaa", running(ready("app")))))).get(0);
        assertThat(top.cause()).isEqualTo(Cause.ROLLOUT_PAUSED);
        assertThat(top.fixes()).singleElement().satisfies(c -> assertThat(c.verb()).isEqualTo(Verb.ROLLOUT_RESUME));
    }

    @Test
    void podsAQuotaRefusesAreReadFromTheReplicaSetsEvent() {
        Event event = new EventBuilder().withType("Warning").withReason("FailedCreate")
                .withMessage("pods \"web-7f-x\" is forbidden: exceeded quota: shop-quota, requested: pods=1, used: pods=2, limited: pods=2")
                .withNewInvolvedObject().withKind("ReplicaSet").withName("web-7f").endInvolvedObject().build();
        Finding top = diagnoser.diagnose(new Snapshot(deployment("web", 3), List.of(), List.of(event), List.of(), List.of(), Map.of(), List.of())).get(0);
        assertThat(top.cause()).isEqualTo(Cause.CANNOT_CREATE_PODS);
        assertThat(top.summary()).contains("exceeded quota: shop-quota");
    }

    @Test
    void aServiceWhoseSelectorMatchesNoPodHasNoEndpoints() {
        var service = new ServiceBuilder().withNewMetadata().withName("checkout").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "checkuot").endSpec().build();
        Finding top = diagnoser.diagnose(snapshot(service, List.of())).get(0);
        assertThat(top.cause()).isEqualTo(Cause.NO_ENDPOINTS);
        assertThat(top.evidence()).extracting(Evidence::quote).containsExactly("{app=checkuot}");
    }

    @Test
    void aNodeThatStoppedReportingIsNotReady() {
        var node = new NodeBuilder().withNewMetadata().withName("worker-2").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("Unknown").withReason("NodeStatusUnknown").withMessage("Kubelet stopped posting node status.")
                .endCondition().endStatus().build();
        Finding top = diagnoser.diagnose(new Snapshot(node, List.of(), List.of(), List.of(node), List.of(), Map.of(), List.of())).get(0);
        assertThat(top.cause()).isEqualTo(Cause.NODE_NOT_READY);
        assertThat(top.summary()).contains("stopped reporting");
    }

    @Test
    void aJobPastItsBackoffLimitHasFailed() {
        var job = new JobBuilder().withNewMetadata().withName("report").withNamespace("shop").endMetadata().withNewStatus().addNewCondition()
                .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                .endCondition().endStatus().build();
        assertThat(diagnoser.diagnose(snapshot(job, List.of())).get(0).cause()).isEqualTo(Cause.JOB_FAILED);
    }

    @Test
    void anAutoscalerWithoutMetricsAndOneAtItsMaximum() {
        var blind = new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder().withNewMetadata().withName("api")
                .withNamespace("shop").endMetadata().withNewSpec().withMaxReplicas(4).endSpec().withNewStatus().addNewCondition()
                .withType("ScalingActive").withStatus("False").withReason("FailedGetResourceMetric")
                .withMessage("the HPA was unable to compute the replica count").endCondition().endStatus().build();
        assertThat(diagnoser.diagnose(snapshot(blind, List.of())).get(0).cause()).isEqualTo(Cause.AUTOSCALER_BLIND);
        var full = new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder(blind).editStatus().withConditions(
                new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder().withType("ScalingLimited")
                        .withStatus("True").withReason("TooManyReplicas").build()).endStatus().build();
        assertThat(diagnoser.diagnose(snapshot(full, List.of())).get(0).summary()).contains("maximum of 4");
    }

    @Test
    void anIngressToAServiceOrPortThatDoesNotExist() {
        var ingress = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata().withName("shop")
                .withNamespace("shop").endMetadata().withNewSpec().addNewRule().withNewHttp().addNewPath().withPath("/").withNewBackend()
                .withNewService().withName("storefront").withNewPort().withNumber(8080).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build();
        Finding missing = diagnoser.diagnose(new Snapshot(ingress, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of())).get(0);
        assertThat(missing.summary()).contains("storefront", "does not exist");
        var service = new ServiceBuilder().withNewMetadata().withName("storefront").withNamespace("shop").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
        Finding port = diagnoser.diagnose(new Snapshot(ingress, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(service))).get(0);
        assertThat(port.cause()).isEqualTo(Cause.INGRESS_BACKEND_MISSING);
        assertThat(port.summary()).contains("port 8080");
    }

    @Test
    void aHealthyWorkloadHasNoFinding() {
        Deployment deployment = deployment("web", 2);
        deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withAvailableReplicas(2).withReplicas(2).build());
        var service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "web").endSpec().build();
        List<Pod> pods = List.of(pod("web-7f-aaaaa", running(ready("app"))), pod("web-7f-bbbbb", running(ready("app"))));
        assertThat(diagnoser.diagnose(snapshot(deployment, pods))).isEmpty();
        assertThat(diagnoser.diagnose(snapshot(service, pods))).isEmpty();
    }

    private static Snapshot snapshot(io.fabric8.kubernetes.api.model.HasMetadata target, List<Pod> pods) {
        return new Snapshot(target, pods, List.of(), List.of(), List.of(), Map.of(), List.of());
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector().endSpec().build();
    }

    /** A pod of a Deployment's ReplicaSet: NAME-HASH-SUFFIX. */
    private static Pod pod(String name, io.fabric8.kubernetes.api.model.PodStatus status) {
        String[] parts = name.split("-");
        boolean fromReplicaSet = parts.length >= 3;
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec();
        if (fromReplicaSet) {
            String hash = parts[parts.length - 2];
            String replicaSet = name.substring(0, name.lastIndexOf('-'));
            pod.editMetadata().addToLabels("pod-template-hash", hash).addNewOwnerReference().withKind("ReplicaSet").withName(replicaSet)
                    .withApiVersion("apps/v1").withUid("u").endOwnerReference().endMetadata();
        }
        return pod.withStatus(status).build();
    }

    private static io.fabric8.kubernetes.api.model.PodStatus running(ContainerStatus status) {
        boolean ready = Boolean.TRUE.equals(status.getReady());
        return new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().withContainerStatuses(status).build();
    }

    private static ContainerStatus crashing(String name, int exitCode, String reason, int restarts) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated().endLastState().build();
    }

    private static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    private static ContainerStatus ready(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().endRunning().endState().build();
    }
}
