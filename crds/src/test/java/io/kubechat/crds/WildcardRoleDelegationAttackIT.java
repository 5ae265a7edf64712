package io.kubechat.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * H-1: RBAC's {@code verbs: ["*"]} matches custom verbs, so a namespace "owner" role on kubechat.io (or Argo
 * CD's controller, or a CI bot) held {@code delegate} and could name anyone as requester, system:masters
 * included, with an approval by someone who never saw the command. Only the configured gateway identity, in
 * the sessions namespace, may name someone else, and what it creates for someone else carries no approval.
 */
@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildcardRoleDelegationAttackIT {

    /** The gateway identity and sessions namespace the shipped parameters name. */
    private static final String GATEWAY = "kubechat-gateway";
    private static final String SESSIONS = "kubechat-sessions";

    private LocalCluster cluster;
    private String namespace;
    private KubernetesClient gateway;

    @BeforeAll
    void install(LocalCluster cluster) throws Exception {
        this.cluster = cluster;
        cluster.installCrds(GeneratedCrds.BUILD_OUTPUT);
        cluster.installIdentityPolicies();
        namespace = cluster.createNamespace("owner");
        KubernetesClient admin = cluster.admin();
        // The tenant-owner role of the review: everything on kubechat.io in one namespace.
        admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("kubechat-owner").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("*").withVerbs("*").build()).build()).create();
        cluster.bind(namespace, "alice", "Role", "kubechat-owner");
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"), List.of("approve"));
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");

        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SESSIONS).endMetadata().build()).serverSideApply();
        admin.serviceAccounts().inNamespace(LocalCluster.SYSTEM_NAMESPACE)
                .resource(new ServiceAccountBuilder().withNewMetadata().withName(GATEWAY).endMetadata().build()).serverSideApply();
        for (String where : List.of(SESSIONS, namespace)) {
            admin.rbac().roles().inNamespace(where).resource(new RoleBuilder().withNewMetadata().withName("gateway-creates").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("commandexecutions", "chatsessions")
                            .withVerbs("create", "get", "delete").build()).build()).serverSideApply();
            admin.rbac().roleBindings().inNamespace(where).resource(new RoleBindingBuilder().withNewMetadata().withName("gateway-creates")
                    .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "gateway-creates")
                    .addNewSubject().withKind("ServiceAccount").withName(GATEWAY).withNamespace(LocalCluster.SYSTEM_NAMESPACE).endSubject()
                    .build()).serverSideApply();
        }
        gateway = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(
                cluster.serviceAccountKubeconfig(LocalCluster.SYSTEM_NAMESPACE, GATEWAY)))).build();
        awaitEnforced();
    }

    @AfterAll
    void close() {
        gateway.close();
    }

    @Test
    void aWildcardOwnerRoleCannotNameSystemMastersWithAForgedApproval() {
        assertThat(cluster.kubectl("alice", "-n", namespace, "auth", "can-i", "delegate", "commandexecutions.kubechat.io").stdout().trim())
                .as("the wildcard matches the custom verb").isEqualTo("yes");
        assertDenied(cluster.as("alice"), namespace, commandExecution("spoof-crb", """
                requester: {user: kubechat-admin, groups: ["system:masters"]}
                approval: {decision: approved, approver: {user: carol}}
                command: {verb: get, resource: {kind: Secret}, allNamespaces: true}"""));
        assertDenied(cluster.as("alice"), namespace, commandExecution("spoof-read", """
                requester: {user: kubechat-admin, groups: ["system:masters"]}
                command: {verb: get, resource: {kind: Secret}, allNamespaces: true}"""));
    }

    @Test
    void aWildcardOwnerRoleCannotGiveSomeoneElseASession() {
        assertDenied(cluster.as("alice"), namespace, resource("ChatSession", "carols", "owner: {user: carol}"));
    }

    @Test
    void lookAlikeNamesAreOtherUsers() {
        for (String lookAlike : List.of("Alice", "ALICE", "\u0430lice", "\uff41lice", "alice ", "alice\u200b")) {
            assertDenied(cluster.as("alice"), namespace, commandExecution("look-alike-" + Integer.toHexString(lookAlike.hashCode()),
                    "request: delete deployment web\nrequester: {user: " + Serialization.asJson(lookAlike) + "}"));
        }
    }

    @Test
    void theGatewayNamesWebUsersOnlyInTheSessionsNamespace() {
        assertThat(gateway.resource(commandExecution("for-danny-" + System.nanoTime(),
                "request: show pods\nrequester: {user: \"kubechat:danny\", groups: [\"kubechat:developers\"]}")).inNamespace(SESSIONS).create())
                .isNotNull();
        assertDenied(gateway, namespace, commandExecution("for-danny-elsewhere", "request: show pods\nrequester: {user: \"kubechat:danny\"}"));
    }

    @Test
    void aDelegatedRequestNeverCarriesAnApproval() {
        assertDenied(gateway, SESSIONS, commandExecution("pre-approved-" + System.nanoTime(), """
                request: delete deployment web
                requester: {user: "kubechat:danny"}
                approval: {decision: approved, approver: {user: carol}}"""));
        assertDenied(gateway, SESSIONS, commandExecution("self-approved-" + System.nanoTime(), """
                request: delete deployment web
                requester: {user: "kubechat:danny"}
                approval: {decision: approved, approver: {user: "system:serviceaccount:kubechat-system:kubechat-gateway"}}"""));
    }

    private void awaitEnforced() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                cluster.as("bob").resource(commandExecution("probe-" + System.nanoTime(), "request: probe")).inNamespace(namespace).create();
            } catch (KubernetesClientException e) {
                if (e.getMessage().contains("must be your own user name")) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("identity policy not enforced after 30s");
            }
            Thread.sleep(200);
        }
    }

    private static void assertDenied(KubernetesClient client, String namespace, GenericKubernetesResource resource) {
        assertThatThrownBy(() -> client.resource(resource).inNamespace(namespace).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("ValidatingAdmissionPolicy");
    }

    private static GenericKubernetesResource commandExecution(String name, String specYaml) {
        return resource("CommandExecution", name, specYaml);
    }

    private static GenericKubernetesResource resource(String kind, String name, String specYaml) {
        String yaml = "apiVersion: kubechat.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n" + specYaml.indent(2);
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }
}
