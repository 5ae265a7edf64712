package io.kubechat.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.testing.IdentityPolicies;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * C-1: with the identity admission policy missing or only warning (an OLM install, a disabled chart
 * value, a reinstall), anyone who may create a CommandExecution names any requester, system:masters
 * included, and a pre-approval by a real approver. The operator must refuse to run it, say why on the
 * command and on its readiness, and never run it later when the policy is back.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ForgedRequesterWithoutPoliciesAttackIT {

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    private LocalCluster cluster;
    private KubernetesClient admin;
    private IdentityPolicies policies;
    private String namespace;
    private String bindingName;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        policies = new IdentityPolicies(cluster);
        namespace = cluster.createNamespace("forged");
        bindingName = "bob-cluster-admin-" + namespace;
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list", "delete"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"), List.of("get", "patch", "approve"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "view");
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
    }

    @AfterEach
    void restorePolicies() {
        policies.restore(namespace);
    }

    @Test
    void aClusterAdminBindingForgedWhileTheBindingIsMissingNeverRuns() throws Exception {
        policies.removeCommandBinding(namespace);
        createAsBob("spoof-crb", spoofedClusterRoleBinding());

        CommandExecutionStatus held = awaitStatus("spoof-crb", s -> refusedForIdentity(s) || isFinal(s));
        assertThat(held.phase()).isNotEqualTo(ExecutionPhase.Succeeded);
        assertThat(held.conditions()).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("IdentityVerified");
            assertThat(c.message()).contains("kubechat-command-identity");
        });
        assertThat(readinessStatus()).isEqualTo(503);
        assertThat(admin.rbac().clusterRoleBindings().withName(bindingName).get()).isNull();

        // Put back, the policy cannot vouch for what was created without it: the forgery never runs.
        policies.restore(namespace);
        CommandExecutionStatus after = awaitStatus("spoof-crb", ForgedRequesterWithoutPoliciesAttackIT::isFinal);
        assertThat(after.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(after.conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("CreatedWithoutIdentityAdmission"));
        assertThat(admin.rbac().clusterRoleBindings().withName(bindingName).get()).isNull();
        assertThat(readinessStatus()).isEqualTo(200);
    }

    @Test
    void aBindingThatOnlyWarnsIsNotEnforcement() throws Exception {
        policies.onlyWarn(namespace);
        createAsBob("read-secrets", """
                requester: {user: kubechat-admin, groups: ["system:masters"]}
                command: {verb: get, resource: {kind: Secret}, allNamespaces: true}""");

        CommandExecutionStatus held = awaitStatus("read-secrets", s -> refusedForIdentity(s) || isFinal(s));
        assertThat(held.phase()).isNotEqualTo(ExecutionPhase.Succeeded);
        assertThat(held.result()).isNull();
        assertThat(readinessStatus()).isEqualTo(503);
    }

    @Test
    void systemMastersIsNeverImpersonatedEvenWhenAdmitted() {
        // The admin really is in system:masters, so admission lets them name it; the operator must still not act as it.
        String yaml = "apiVersion: kubechat.io/v1alpha1\nkind: CommandExecution\nmetadata: {name: as-masters}\nspec:\n" + ("""
                requester: {user: kubechat-admin, groups: ["system:masters"]}
                command: {verb: get, resource: {kind: Secret}, allNamespaces: true}""").indent(2);
        admin.resource(Serialization.unmarshal(yaml, CommandExecution.class)).inNamespace(namespace).create();

        CommandExecutionStatus status = awaitStatus("as-masters", ForgedRequesterWithoutPoliciesAttackIT::isFinal);
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
        assertThat(status.result()).isNull();
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.message()).contains("system:masters"));
    }

    @Test
    void groupsSmuggledInFieldsTheSchemaDoesNotHaveGrantNothing() {
        createAsBob("smuggled", """
                requester: {user: bob, groups: ["%s"], extra: {groups: ["system:masters"]}, uid: "0", impersonate: ["system:masters"]}
                command: {verb: get, resource: {kind: Secret}, allNamespaces: true}""".formatted(LocalCluster.TEST_USERS_GROUP));

        CommandExecutionStatus status = awaitStatus("smuggled", ForgedRequesterWithoutPoliciesAttackIT::isFinal);
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Denied);
        assertThat(Serialization.asJson(admin.resources(CommandExecution.class).inNamespace(namespace).withName("smuggled").get().getSpec()))
                .doesNotContain("system:masters");
    }

    private static String spoofedClusterRoleBinding() {
        return """
                requester: {user: kubechat-admin, groups: ["system:masters"]}
                approval: {decision: approved, approver: {user: carol}}
                command:
                  verb: apply
                  resource: {kind: ClusterRoleBinding, apiVersion: rbac.authorization.k8s.io/v1}
                  name: NAME
                  manifest:
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: NAME}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                    subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: bob}]""";
    }

    private void createAsBob(String name, String specYaml) {
        String yaml = "apiVersion: kubechat.io/v1alpha1\nkind: CommandExecution\nmetadata: {name: " + name + "}\nspec:\n"
                + specYaml.replace("NAME", bindingName).indent(2);
        // Generic, so fields the model does not know reach the API server as written.
        cluster.as("bob").resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).inNamespace(namespace).create();
    }

    private CommandExecutionStatus awaitStatus(String name, java.util.function.Predicate<CommandExecutionStatus> condition) {
        return admin.resources(CommandExecution.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(c -> c != null && c.getStatus() != null && condition.test(c.getStatus()), 60, TimeUnit.SECONDS)
                .getStatus();
    }

    private static boolean isFinal(CommandExecutionStatus status) {
        return status.phase() != null && status.phase().isTerminal();
    }

    private static boolean refusedForIdentity(CommandExecutionStatus status) {
        return status.conditions() != null && status.conditions().stream()
                .anyMatch(c -> "IdentityVerified".equals(c.type()) && "False".equals(c.status().name()));
    }

    private int readinessStatus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(readiness.toString())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
