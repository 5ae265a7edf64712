package io.kubechat.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.ProcessResult;
import io.kubechat.testsupport.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated CRDs against a real kube-apiserver: they install, the examples are accepted, and
 * the schema and CEL rules turn away malformed or forbidden objects with a message that says why.
 */
@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrdValidationIT {

    private static final String API_VERSION = "kubechat.io/v1alpha1";

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;

    @BeforeAll
    void installCrds(LocalCluster cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
        cluster.installCrds(GeneratedCrds.BUILD_OUTPUT);
        namespace = cluster.createNamespace("crd-validation");
    }

    @Test
    void everyCrdIsEstablishedWithItsShortName() {
        assertThat(admin.apiextensions().v1().customResourceDefinitions().list().getItems())
                .filteredOn(crd -> crd.getSpec().getGroup().equals("kubechat.io"))
                .extracting(crd -> crd.getSpec().getNames().getKind() + "/" + crd.getSpec().getNames().getShortNames())
                .containsExactlyInAnyOrder("CommandExecution/[ce]", "ChatSession/[cs]", "ClusterConnection/[cc]", "ExecutionPolicy/[ep]");
    }

    @Test
    void everyExampleIsAccepted() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(cluster.repoRoot().resolve("examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        for (Path example : examples) {
            GenericKubernetesResource resource = Serialization.unmarshal(Files.readString(example), GenericKubernetesResource.class);
            GenericKubernetesResource created = admin.resource(resource).inNamespace(namespace).create();
            assertThat(created.getMetadata().getUid()).as(example.getFileName().toString()).isNotBlank();
        }
    }

    @Test
    void explainDescribesTheSpecFromTheModel() {
        ProcessResult explain = cluster.kubectl("admin", "explain", "commandexecution.spec");
        assertThat(explain.succeeded()).as(explain.stderr()).isTrue();
        assertThat(explain.stdout()).contains("request", "The request in the user's own words", "approval", "requester");
    }

    @Test
    void kubectlGetShowsThePrinterColumns() {
        create(commandExecution("printer-columns", "request: show pods in shop"));
        ProcessResult get = cluster.kubectl("admin", "get", "ce", "-n", namespace, "printer-columns");
        assertThat(get.succeeded()).as(get.stderr()).isTrue();
        assertThat(get.stdout().lines().findFirst().orElseThrow().split("\\s+"))
                .contains("NAME", "REQUEST", "VERB", "RISK", "PHASE", "AGE");
        assertThat(get.stdout()).contains("show pods in shop");
    }

    @Test
    void approvalMayBeAddedAfterCreation() {
        create(commandExecution("approve-later", "request: delete pod web-0 in shop"));
        patch("CommandExecution", "approve-later", "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":\"carol\"}}}}");
        assertThat(get("CommandExecution", "approve-later").getAdditionalProperties().get("spec").toString()).contains("approved");
    }

    @Test
    void ordinaryUsersHaveNoRightsUntilGranted() {
        GenericKubernetesResource resource = commandExecution("as-alice", "request: show pods");
        assertThatThrownBy(() -> cluster.as("alice").resource(resource).inNamespace(namespace).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("forbidden")
                .hasMessageContaining("User \"alice\" cannot create resource \"commandexecutions\"");
    }

    /** Objects the API server must refuse on create, and the words its refusal must contain. */
    static Stream<Arguments> rejectedOnCreate() {
        return Stream.of(
                rejected("neither request nor command", commandExecution("c1", "sessionRef: {name: s}"),
                        "spec.request or spec.command is required"),
                rejected("no spec at all", resource("CommandExecution", "c2", null), "spec is required"),
                rejected("unknown verb", commandExecution("c3", "command: {verb: explode, resource: {kind: Pod}}"),
                        "Unsupported value: \"explode\""),
                rejected("over-long request", commandExecution("c4", "request: " + "x".repeat(2001)),
                        "may not be more than 2000"),
                rejected("replicas of the wrong type", commandExecution("c5",
                        "command: {verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: five}}"),
                        "spec.command.arguments.replicas: Invalid value: \"string\": spec.command.arguments.replicas in body must be of type integer"),
                rejected("negative replicas", commandExecution("c6",
                        "command: {verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: -1}}"),
                        "should be greater than or equal to 0"),
                rejected("scale without replicas", commandExecution("c7", "command: {verb: scale, resource: {kind: Deployment}, name: web}"),
                        "scale needs command.arguments.replicas"),
                rejected("verb without a resource", commandExecution("c8", "command: {verb: get}"),
                        "command.resource is required for this verb"),
                rejected("namespace and all namespaces", commandExecution("c9",
                        "command: {verb: get, resource: {kind: Pod}, namespace: shop, allNamespaces: true}"),
                        "command.namespace and command.allNamespaces are mutually exclusive"),
                rejected("namespace that is not a DNS label", commandExecution("c10",
                        "command: {verb: get, resource: {kind: Pod}, namespace: Shop_Prod}"),
                        "spec.command.namespace in body should match"),
                rejected("delete of nothing in particular", commandExecution("c11", "command: {verb: delete, resource: {kind: Pod}}"),
                        "delete needs command.name, command.selector or command.arguments.all: true"),
                rejected("apply without a manifest", commandExecution("c12", "command: {verb: apply, resource: {kind: ConfigMap}}"),
                        "apply needs command.manifest"),
                rejected("cordon of a deployment", commandExecution("c13", "command: {verb: cordon, resource: {kind: Deployment}, name: web}"),
                        "cordon, uncordon, drain and taint act on kind Node only"),
                rejected("approval decision that is neither", commandExecution("c14",
                        "request: delete pod web-0\napproval: {decision: maybe}"), "Unsupported value: \"maybe\""),
                rejected("empty requester", commandExecution("c15", "request: show pods\nrequester: {user: \"\"}"),
                        "spec.requester.user in body should be at least 1 chars long"),
                rejected("unparseable duration", commandExecution("c16",
                        "command: {verb: logs, resource: {kind: Pod}, name: web, arguments: {since: yesterday}}"),
                        "spec.command.arguments.since in body should match"),
                rejected("set-env with nothing to set", commandExecution("c17",
                        "command: {verb: set-env, resource: {kind: Deployment}, name: web}"),
                        "set-env needs command.arguments.env, removeEnv or envFrom"),
                rejected("set-resources with a quantity that is not one", commandExecution("c18",
                        "command: {verb: set-resources, resource: {kind: Deployment}, name: web, arguments: {limits: {cpu: lots}}}"),
                        "spec.command.arguments.limits.cpu in body should match"),
                rejected("cron schedule with a shell in it", commandExecution("c19",
                        "command: {verb: create, resource: {kind: CronJob}, name: ping, arguments: {image: busybox, schedule: \"* * * * * ; rm\"}}"),
                        "spec.command.arguments.schedule in body should match"),
                rejected("binding subject as a bare service account", commandExecution("c20",
                        "command: {verb: create, resource: {kind: RoleBinding}, name: b, arguments: {clusterRole: view, serviceAccounts: [default]}}"),
                        "spec.command.arguments.serviceAccounts[0] in body should match"),
                rejected("chat session kept forever", resource("ChatSession", "s1", "retention: forever"),
                        "spec.retention in body should match"),
                rejected("cluster connection without a secret", resource("ClusterConnection", "k1", "displayName: staging"),
                        "spec.kubeconfigSecretRef: Required value"),
                rejected("policy rule with an unknown action", resource("ExecutionPolicy", "p1",
                        "rules: [{name: r, action: Maybe}]"), "Unsupported value: \"Maybe\""),
                rejected("policy rule without a name", resource("ExecutionPolicy", "p2",
                        "rules: [{action: Deny}]"), "spec.rules[0].name: Required value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedOnCreate")
    void malformedObjectsAreRejectedOnCreate(String description, GenericKubernetesResource resource, String expectedMessage) {
        assertThatThrownBy(() -> admin.resource(resource).inNamespace(namespace).create())
                .as(description)
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(expectedMessage);
    }

    /** Changes the API server must refuse on an existing object. */
    static Stream<Arguments> rejectedOnUpdate() {
        return Stream.of(
                Arguments.of("changed request", "{\"spec\":{\"request\":\"delete everything\"}}", "spec.request is immutable"),
                Arguments.of("request added to a command", "{\"spec\":{\"request\":\"scale web to 0\"}}", "spec.request is immutable"),
                Arguments.of("changed command", "{\"spec\":{\"command\":{\"arguments\":{\"replicas\":0}}}}", "spec.command is immutable"),
                Arguments.of("changed requester", "{\"spec\":{\"requester\":{\"user\":\"mallory\"}}}", "spec.requester is immutable"),
                Arguments.of("changed cluster", "{\"spec\":{\"cluster\":\"production\"}}", "spec.cluster is immutable"),
                Arguments.of("changed session", "{\"spec\":{\"sessionRef\":{\"name\":\"other\"}}}", "spec.sessionRef is immutable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedOnUpdate")
    void specIsImmutableExceptApproval(String description, String mergePatch, String expectedMessage) {
        String name = "immutable-" + Integer.toHexString(description.hashCode());
        create(commandExecution(name, """
                command: {verb: scale, resource: {kind: Deployment}, name: web, namespace: shop, arguments: {replicas: 2}}
                requester: {user: alice, groups: [dev]}
                sessionRef: {name: s}"""));
        assertThatThrownBy(() -> patch("CommandExecution", name, mergePatch))
                .as(description)
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void approvalIsFinalOnceGiven() {
        create(commandExecution("final-approval", "request: drain node kwok-node-0\napproval: {decision: rejected, approver: {user: carol}}"));
        assertThatThrownBy(() -> patch("CommandExecution", "final-approval", "{\"spec\":{\"approval\":{\"decision\":\"approved\"}}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.approval is final once given");
    }

    @Test
    void statusIsValidatedToo() {
        create(commandExecution("status-checked", "request: show pods"));
        assertThatThrownBy(() -> patchStatus("status-checked", "{\"status\":{\"risk\":{\"level\":\"extreme\"}}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("Unsupported value: \"extreme\"");
        assertThatThrownBy(() -> patchStatus("status-checked",
                "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("status.conditions[0].reason: Required value");
        assertThatThrownBy(() -> patchStatus("status-checked",
                "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"True\",\"reason\":\"not camel case\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("status.conditions[0].reason: Invalid value: \"not camel case\"");
    }

    @Test
    void unknownFieldsAreRefusedUnderStrictValidation() throws IOException {
        Path manifest = Files.createTempFile("typo", ".yaml");
        Files.writeString(manifest, """
                apiVersion: kubechat.io/v1alpha1
                kind: CommandExecution
                metadata: {name: typo}
                spec: {requets: show pods}
                """);
        ProcessResult apply = cluster.kubectl("admin", "create", "--validate=strict", "-n", namespace, "-f", manifest.toString());
        assertThat(apply.succeeded()).isFalse();
        assertThat(apply.stderr()).contains("unknown field \"spec.requets\"");
    }

    private static Arguments rejected(String description, GenericKubernetesResource resource, String expectedMessage) {
        return Arguments.of(description, resource, expectedMessage);
    }

    private static GenericKubernetesResource commandExecution(String name, String specYaml) {
        return resource("CommandExecution", name, specYaml);
    }

    private static GenericKubernetesResource resource(String kind, String name, String specYaml) {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: ").append(API_VERSION).append('\n')
                .append("kind: ").append(kind).append('\n')
                .append("metadata: {name: ").append(name).append("}\n");
        if (specYaml != null) {
            yaml.append("spec:\n").append(specYaml.indent(2));
        }
        return Serialization.unmarshal(yaml.toString(), GenericKubernetesResource.class);
    }

    private void create(GenericKubernetesResource resource) {
        admin.resource(resource).inNamespace(namespace).create();
    }

    private GenericKubernetesResource get(String kind, String name) {
        return admin.genericKubernetesResources(API_VERSION, kind).inNamespace(namespace).withName(name).get();
    }

    private void patch(String kind, String name, String mergePatch) {
        admin.genericKubernetesResources(API_VERSION, kind).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private void patchStatus(String name, String mergePatch) {
        admin.genericKubernetesResources(API_VERSION, "CommandExecution").inNamespace(namespace).withName(name)
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }
}
