package io.kubechat.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admission policies in crds/admission make identity unspoofable: what a user writes as
 * requester, approver or session owner must be who the API server authenticated, unless the
 * writer is the gateway named in the policies' parameters (WildcardRoleDelegationAttackIT), and
 * approving needs the approve verb.
 */
@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityAdmissionIT {

    private static final String GROUP = LocalCluster.TEST_USERS_GROUP;

    private LocalCluster cluster;
    private String namespace;

    @BeforeAll
    void install(LocalCluster cluster) {
        this.cluster = cluster;
        cluster.installCrds(GeneratedCrds.BUILD_OUTPUT);
        cluster.installIdentityPolicies();
        namespace = cluster.createNamespace("identity");
        role("writer", List.of("create", "get", "update", "patch"));
        role("approver", List.of("approve"));
        role("delegate", List.of("delegate"));
        bind("alice", "writer");
        bind("carol", "writer");
        bind("carol", "approver");
        bind("bob", "writer");
        bind("bob", "delegate");
        awaitPolicyEnforced();
    }

    @Test
    void aUserMustNameThemselvesAsRequester() {
        assertDenied("alice", commandExecution("no-requester", "request: show pods"),
                "spec.requester.user must be your own user name, alice");
        assertDenied("alice", commandExecution("spoofed", "request: delete pod web-0\nrequester: {user: carol}"),
                "spec.requester.user must be your own user name, alice");
        assertThat(create("alice", commandExecution("honest", "request: show pods\nrequester: {user: alice, groups: [\"" + GROUP + "\"]}")))
                .isNotNull();
    }

    @Test
    void aUserCannotClaimGroupsTheyDoNotBelongTo() {
        assertDenied("alice", commandExecution("escalate", "request: drain node kwok-node-0\nrequester: {user: alice, groups: [system:masters]}"),
                "spec.requester.groups may list only groups alice belongs to");
    }

    @Test
    void theDelegateVerbLetsNobodyNameSomeoneElse() {
        assertDenied("bob", commandExecution("for-web-user", "request: show pods\nrequester: {user: \"oidc:danny\", groups: [\"oidc:developers\"]}"),
                "spec.requester.user must be your own user name, bob");
    }

    @Test
    void approvingNeedsTheApproveVerbAndOnesOwnName() {
        create("alice", commandExecution("to-approve", "request: delete pod web-0\nrequester: {user: alice}"));

        assertPatchDenied("alice", "to-approve", "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":\"alice\"}}}}",
                "alice may not approve commandexecutions in namespace " + namespace + " (needs the verb approve)");
        assertPatchDenied("carol", "to-approve", "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":\"bob\"}}}}",
                "spec.approval.approver must be you, carol");

        patch("carol", "to-approve", "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":\"carol\"}}}}");
        GenericKubernetesResource approved = cluster.admin().genericKubernetesResources("kubechat.io/v1alpha1", "CommandExecution")
                .inNamespace(namespace).withName("to-approve").get();
        assertThat(Serialization.asJson(approved.get("spec"))).contains("\"approver\":{\"user\":\"carol\"}");
    }

    @Test
    void aPreApprovedCommandIsCheckedLikeALaterApproval() {
        assertDenied("alice", commandExecution("self-approved",
                "request: delete pod web-0\nrequester: {user: alice}\napproval: {decision: approved, approver: {user: alice}}"),
                "alice may not approve commandexecutions");
    }

    @Test
    void aSessionOwnerIsTheUserWhoCreatesIt() {
        assertDenied("alice", resource("ChatSession", "not-mine", "owner: {user: carol}"), "spec.owner.user must be your own user name, alice");
    }

    private void awaitPolicyEnforced() {
        // Policies take effect asynchronously once the API server has compiled them, each on its own.
        awaitEnforced(() -> commandExecution("probe-" + System.nanoTime(), "request: probe"));
        awaitEnforced(() -> resource("ChatSession", "probe-" + System.nanoTime(), "owner: {user: carol}"));
    }

    private void awaitEnforced(Supplier<GenericKubernetesResource> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                cluster.as("alice").resource(probe.get()).inNamespace(namespace).create();
            } catch (KubernetesClientException e) {
                if (e.getMessage().contains("must be your own user name")) {
                    return;
                }
                throw e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("identity policy not enforced after 30s");
            }
            sleep();
        }
    }

    private GenericKubernetesResource create(String user, GenericKubernetesResource resource) {
        return cluster.as(user).resource(resource).inNamespace(namespace).create();
    }

    private void patch(String user, String name, String mergePatch) {
        cluster.as(user).genericKubernetesResources("kubechat.io/v1alpha1", "CommandExecution").inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private void assertDenied(String user, GenericKubernetesResource resource, String message) {
        assertThatThrownBy(() -> create(user, resource))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("ValidatingAdmissionPolicy")
                .hasMessageContaining(message);
    }

    private void assertPatchDenied(String user, String name, String mergePatch, String message) {
        assertThatThrownBy(() -> patch(user, name, mergePatch))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(message);
    }

    private void role(String name, List<String> verbs) {
        cluster.createRole(namespace, name, "kubechat.io", List.of("commandexecutions", "chatsessions"), verbs);
    }

    private void bind(String user, String role) {
        cluster.bind(namespace, user, "Role", role);
    }

    private static GenericKubernetesResource commandExecution(String name, String specYaml) {
        return resource("CommandExecution", name, specYaml);
    }

    private static GenericKubernetesResource resource(String kind, String name, String specYaml) {
        String yaml = "apiVersion: kubechat.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n" + specYaml.indent(2);
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
