package io.kubechat.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Verb;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredAccessTest {

    private static final ResourceKind DEPLOYMENTS = new ResourceKind("apps", "v1", "deployments", "Deployment", true);

    @Test
    void getByNameNeedsGetAndWithoutANameNeedsList() {
        assertThat(describe(command(Verb.GET, "Deployment", "checkout"), DEPLOYMENTS, "shop"))
                .containsExactly("get deployments.apps checkout in namespace shop");
        assertThat(describe(command(Verb.GET, "Deployment", null), DEPLOYMENTS, null))
                .containsExactly("list deployments.apps (cluster-wide)");
    }

    @Test
    void scaleNeedsTheScaleSubresource() {
        assertThat(describe(command(Verb.SCALE, "Deployment", "checkout"), DEPLOYMENTS, "shop"))
                .containsExactly("patch deployments/scale.apps checkout in namespace shop");
    }

    @Test
    void deleteBySelectorNeedsListAndDelete() {
        Command command = new Command(Verb.DELETE, new ResourceType("Pod", null), null, "shop", null,
                new Selector("app=web", null), null, null);
        assertThat(describe(command, ResourceKind.PODS, "shop"))
                .containsExactly("list pods in namespace shop", "delete pods in namespace shop");
    }

    @Test
    void logsOfAWorkloadNeedTheWorkloadItsPodsAndTheirLogs() {
        assertThat(describe(command(Verb.LOGS, "Deployment", "api"), DEPLOYMENTS, "shop")).containsExactly(
                "get deployments.apps api in namespace shop", "list pods in namespace shop", "get pods/log in namespace shop");
        assertThat(describe(command(Verb.LOGS, "Pod", "api-0"), ResourceKind.PODS, "shop"))
                .containsExactly("get pods api-0 in namespace shop", "get pods/log api-0 in namespace shop");
    }

    @Test
    void drainNeedsToPatchTheNodeAndEvictEverywhere() {
        assertThat(describe(command(Verb.DRAIN, "Node", "kwok-node-0"), ResourceKind.NODES, "shop")).containsExactly(
                "patch nodes kwok-node-0 (cluster-wide)", "list pods (cluster-wide)", "create pods/eviction (cluster-wide)");
    }

    @Test
    void nodesAreClusterScopedWhateverTheSessionNamespace() {
        assertThat(describe(command(Verb.CORDON, "Node", "kwok-node-1"), ResourceKind.NODES, "shop"))
                .containsExactly("patch nodes kwok-node-1 (cluster-wide)");
    }

    @Test
    void createJobFromCronJobNeedsToReadTheCronJob() {
        Command command = new Command(Verb.CREATE, new ResourceType("Job", null), "report-now", "payments", null, null,
                arguments("nightly-report"), null);
        assertThat(describe(command, ResourceKind.JOBS, "payments")).containsExactly(
                "get cronjobs.batch nightly-report in namespace payments", "create jobs.batch in namespace payments");
    }

    @Test
    void applyNeedsPatchAndCreate() {
        Command command = new Command(Verb.APPLY, new ResourceType("ConfigMap", "v1"), "settings", "shop", null, null, null,
                java.util.Map.of("kind", "ConfigMap"));
        ResourceKind configMaps = new ResourceKind("", "v1", "configmaps", "ConfigMap", true);
        assertThat(describe(command, configMaps, "shop"))
                .containsExactly("patch configmaps settings in namespace shop", "create configmaps in namespace shop");
    }

    @Test
    void discoveryAndSelfReviewNeedNothing() {
        for (Verb verb : List.of(Verb.VERSION, Verb.API_RESOURCES, Verb.EXPLAIN, Verb.AUTH_CAN_I)) {
            Command command = new Command(verb, null, null, null, null, null, null, null);
            assertThat(RequiredAccess.of(command, null, "shop")).as(verb.name()).isEmpty();
        }
    }

    @Test
    void everyVerbThatTouchesObjectsNeedsSomePermission() {
        List<Verb> open = List.of(Verb.VERSION, Verb.API_RESOURCES, Verb.EXPLAIN, Verb.AUTH_CAN_I);
        for (Verb verb : Verb.values()) {
            if (!open.contains(verb)) {
                Command command = new Command(verb, new ResourceType("Deployment", null), "x", "shop", null, null, null, null);
                assertThat(RequiredAccess.of(command, DEPLOYMENTS, "shop")).as(verb.name()).isNotEmpty();
            }
        }
    }

    private static Command command(Verb verb, String kind, String name) {
        return new Command(verb, new ResourceType(kind, null), name, null, null, null, null, null);
    }

    private static CommandArguments arguments(String fromCronJob) {
        return Serialization.unmarshal("{\"fromCronJob\": \"" + fromCronJob + "\"}", CommandArguments.class);
    }

    private static List<String> describe(Command command, ResourceKind kind, String namespace) {
        return RequiredAccess.of(command, kind, namespace).stream().map(AccessRequirement::describe).toList();
    }
}
