package io.kubechat.operator.attack;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session deleted during an approval: bob asks for a delete in his conversation, then deletes the conversation,
 * which withdraws it. The command goes with the session's cleanup; an approval that lands before that (here the
 * session is held by a finalizer, as another controller's would hold it) must not run it.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class SessionDeletedDuringApprovalAttackIT {

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("session-gone");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions", "chatsessions"),
                List.of("create", "get", "list", "delete"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"),
                List.of("get", "list", "watch", "update", "patch", "approve"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
    }

    /** Bob's session and, owned by it as the gateway makes them, his delete, held for approval. */
    private void sessionWithHeldDelete(String session, String command) {
        ChatSession s = cluster.as("bob").resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","metadata":{"name":"%s"},"spec":{"owner":{"user":"bob"}}}"""
                .formatted(session), ChatSession.class)).inNamespace(namespace).create();
        cluster.as("bob").resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"CommandExecution",
                 "metadata":{"name":"%s","ownerReferences":[{"apiVersion":"kubechat.io/v1alpha1","kind":"ChatSession","name":"%s","uid":"%s"}]},
                 "spec":{"command":{"verb":"delete","resource":{"kind":"Deployment"},"name":"web"},"sessionRef":{"name":"%s"},
                         "requester":{"user":"bob","groups":["%s"]}}}"""
                .formatted(command, session, s.getMetadata().getUid(), session, LocalCluster.TEST_USERS_GROUP), CommandExecution.class))
                .inNamespace(namespace).create();
        commands.await(command, st -> st.phase() == ExecutionPhase.AwaitingApproval);
    }

    /** Withdrawn: the command ended SessionDeleted, or the session's cleanup removed it first; either way nothing ran. */
    private void assertWithdrawn(String command) {
        CommandExecution last = admin.resources(CommandExecution.class).inNamespace(namespace).withName(command).waitUntilCondition(
                c -> c == null || c.getStatus() != null && c.getStatus().phase() != null && c.getStatus().phase().isTerminal(),
                60, TimeUnit.SECONDS);
        if (last != null) {
            CommandExecutionStatus status = last.getStatus();
            assertThat(status.phase()).isEqualTo(ExecutionPhase.Failed);
            assertThat(status.conditions()).anySatisfy(c -> assertThat(c.reason()).isEqualTo("SessionDeleted"));
        }
        Deployment web = admin.apps().deployments().inNamespace(namespace).withName("web").get();
        assertThat(web).as("the deployment is still there").isNotNull();
        assertThat(web.getMetadata().getDeletionTimestamp()).as("and not being deleted").isNull();
    }

    @Test
    void anApprovalWhileTheSessionIsBeingDeletedDoesNotRunItsCommand() {
        sessionWithHeldDelete("closing", "delete-web-closing");
        admin.resources(ChatSession.class).inNamespace(namespace).withName("closing")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":[\"kubechat.io/test-hold\"]}}");
        // In the background, as the gateway and kubectl delete: the command goes once the session is gone for good.
        cluster.as("bob").resources(ChatSession.class).inNamespace(namespace).withName("closing").delete();
        try {
            try {
                commands.approve("carol", "delete-web-closing");
            } catch (KubernetesClientException e) {
                // The session's cleanup may delete the command before carol's approval reaches it: withdrawn all the same.
                assertThat(e.getCode()).isEqualTo(404);
            }
            assertWithdrawn("delete-web-closing");
        } finally {
            admin.resources(ChatSession.class).inNamespace(namespace).withName("closing")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        }
    }
}
