package io.kubechat.operator.execute;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Diagnosis scenarios on the local control plane, each a broken (or healthy) workload built from a real
 * manifest: the scheduler, quota admission and controllers fail them for real, and kwok's
 * kubechat-simulated-container-state stage (hack/kwok) reports the container states a kubelet would.
 * Each asserts the top finding's cause and that it names the right object, read as alice (view only).
 */
@WithLocalCluster
class DiagnosisIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Identity ALICE = new Identity("alice", List.of(LocalCluster.TEST_USERS_GROUP));

    private KubernetesClient admin;
    private String namespace;
    private RequesterClients requesters;
    private KindResolver kinds;
    private final CommandExecutor executor = new CommandExecutor(ResultLimits.STATUS, 10, Clock.systemUTC());

    @BeforeEach
    void setUp(LocalCluster cluster) {
        admin = cluster.admin();
        namespace = cluster.createNamespace("diag");
        cluster.bind(namespace, "alice", "ClusterRole", "view");
        requesters = new RequesterClients(admin);
        kinds = new KindResolver(admin);
    }

    @Test
    void aCrashLoopNamesTheDeploymentTheExitCodeAndThePreviousLogLines() {
        create(simulated(deployment("checkout", 1), "crashloop", null));
        CommandResult result = diagnoseOnceItShows("deployment", "checkout", r -> r.summary().contains("keeps crashing"));
        assertThat(result.rows().get(0).get(0)).isEqualTo("CRASH_LOOP");
        assertThat(result.summary()).contains("deployment checkout", "exit code 1");
        assertThat(result.text()).contains("out of memory").contains("fix: kubectl rollout undo deployment checkout -n " + namespace);
    }

    @Test
    void anOutOfMemoryKillOffersTwiceTheLimit() {
        Deployment api = simulated(deployment("api", 1), "oomkilled", null);
        api.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("128Mi")).build());
        create(api);
        CommandResult result = diagnoseOnceItShows("deployment", "api", r -> r.summary().contains("more memory"));
        assertThat(result.rows().get(0).get(0)).isEqualTo("OUT_OF_MEMORY");
        assertThat(result.text()).contains("fix: kubectl set resources deployment api -n " + namespace + " -c api --limits=memory=256Mi");
    }

    @Test
    void anImageThatCannotBePulledAndAMissingSecretKeyAreTheirOwnCauses() {
        create(simulated(deployment("web", 1), "imagepull", "Back-off pulling image \"nginx:1.27\""));
        create(simulated(deployment("cart", 1), "config", "couldn't find key password in Secret " + "cart-db"));
        assertThat(diagnoseOnceItShows("deployment", "web", r -> r.rows() != null).rows().get(0).get(0)).isEqualTo("IMAGE_PULL");
        CommandResult cart = diagnoseOnceItShows("deployment", "cart", r -> r.rows() != null);
        assertThat(cart.rows().get(0).get(0)).isEqualTo("CONFIG_MISSING");
        assertThat(cart.summary()).contains("couldn't find key password");
    }

    @Test
    void podsThatNoNodeCanTakeSayWhy() {
        Deployment big = deployment("big", 1);
        big.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("500")).build());
        create(big);
        Deployment pinned = deployment("pinned", 1);
        pinned.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disktype", "ssd-that-no-node-has"));
        create(pinned);
        CommandResult cpu = diagnoseOnceItShows("deployment", "big", r -> r.rows() != null);
        assertThat(cpu.rows().get(0).get(0)).isEqualTo("UNSCHEDULABLE");
        assertThat(cpu.summary()).contains("CPU it requests (big: 500)");
        assertThat(diagnoseOnceItShows("deployment", "pinned", r -> r.rows() != null).summary()).contains("node selector");
    }

    @Test
    void aClaimThatNothingBindsKeepsItsPodPending() {
        admin.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
                .endMetadata().withNewSpec().withStorageClassName("").withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();
        Deployment db = deployment("db", 1);
        db.getSpec().getTemplate().getSpec().setVolumes(List.of(new VolumeBuilder().withName("data")
                .withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim().build()));
        create(db);
        CommandResult result = diagnoseOnceItShows("deployment", "db", r -> r.rows() != null);
        assertThat(result.rows().get(0).get(0)).isEqualTo("VOLUME_CLAIM_UNBOUND");
        assertThat(result.summary()).contains("data");
    }

    @Test
    void podsAQuotaRefusesAndAPausedRollout() {
        admin.resourceQuotas().inNamespace(namespace).resource(new ResourceQuotaBuilder().withNewMetadata().withName("two-pods").endMetadata()
                .withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
        create(deployment("batch", 2));
        CommandResult quota = diagnoseOnceItShows("deployment", "batch", r -> r.rows() != null);
        assertThat(quota.rows().get(0).get(0)).isEqualTo("CANNOT_CREATE_PODS");
        assertThat(quota.summary()).contains("exceeded quota: two-pods");

        Deployment paused = deployment("paused", 0);
        paused.getSpec().setPaused(true);
        create(paused);
        CommandResult result = run(ALICE, "{verb: diagnose, resource: {kind: Deployment}, name: paused}");
        assertThat(result.rows().get(0).get(0)).isEqualTo("ROLLOUT_PAUSED");
        assertThat(result.text()).contains("fix: kubectl rollout resume deployment paused -n " + namespace);
    }

    @Test
    void aServiceWhoseSelectorMatchesNothingAndHealthyTargetsRaiseNoFalseAlarm() {
        admin.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName("orders").endMetadata()
                .withNewSpec().addToSelector("app", "ordres").addNewPort().withPort(80).endPort().endSpec().build()).create();
        assertThat(run(ALICE, "{verb: diagnose, resource: {kind: Service}, name: orders}").rows().get(0).get(0)).isEqualTo("NO_ENDPOINTS");

        create(deployment("healthy", 2));
        admin.apps().deployments().inNamespace(namespace).withName("healthy").waitUntilCondition(d -> d.getStatus() != null
                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        admin.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName("healthy").endMetadata()
                .withNewSpec().addToSelector("app", "healthy").addNewPort().withPort(80).endPort().endSpec().build()).create();
        assertThat(run(ALICE, "{verb: diagnose, resource: {kind: Deployment}, name: healthy}").summary())
                .isEqualTo("deployment.apps/healthy looks healthy: 2 of 2 pods ready, and nothing found wrong");
        assertThat(run(ALICE, "{verb: diagnose, resource: {kind: Service}, name: healthy}").summary()).contains("looks healthy");
        assertThat(run(ALICE, "{verb: diagnose, resource: {kind: Namespace}, name: " + namespace + "}").summary()).contains("looks healthy");
    }

    private void create(Deployment deployment) {
        admin.apps().deployments().inNamespace(namespace).resource(deployment).create();
    }

    private static Deployment simulated(Deployment deployment, String state, String message) {
        var template = deployment.getSpec().getTemplate().getMetadata();
        template.getLabels().put("kubechat.io/simulate", state);
        if (message != null) {
            template.setAnnotations(Map.of("kubechat.io/simulate-message", message));
        }
        return deployment;
    }

    /** The cluster takes a moment to fail a workload; diagnose until the finding shows, at most 60 s. */
    private CommandResult diagnoseOnceItShows(String kind, String name, Predicate<CommandResult> shown) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        CommandResult result = run(ALICE, "{verb: diagnose, resource: {kind: " + kind + "}, name: " + name + "}");
        while (!shown.test(result) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            result = run(ALICE, "{verb: diagnose, resource: {kind: " + kind + "}, name: " + name + "}");
        }
        return result;
    }

    private CommandResult run(Identity requester, String commandYaml) {
        Command command;
        try {
            command = YAML.readValue(commandYaml, Command.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(commandYaml, e);
        }
        ResourceKind kind = kinds.resolve(command.resource()).orElseThrow();
        return executor.execute(requesters.as(requester), command, kind, kind.namespaced() ? namespace : null);
    }
}
