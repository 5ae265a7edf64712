package io.kubechat.operator.identity;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * M-1: the operator used status as its state machine, and anyone who may patch commandexecutions/status (a
 * kubechat.io wildcard role, another controller, a restore tool) could move a held command to Approved or
 * swap the command it runs. Status writes belong to the operator alone, and what runs is derived again from
 * spec and a real approval right before it runs.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ForgedApprovalStatusAttackIT {

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("forged-status");
        commands = new CommandExecutions(cluster, namespace);
        // Everything on kubechat.io in this namespace, the status subresource included; and edit on workloads.
        admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("kubechat-owner").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("kubechat.io").withResources("*").withVerbs("*").build()).build()).create();
        cluster.bind(namespace, "alice", "Role", "kubechat-owner");
        cluster.bind(namespace, "alice", "ClusterRole", "edit");
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"), List.of("get", "patch", "approve"));
        cluster.bind(namespace, "carol", "Role", "kubechat-approver");
        // A short window: the operator looks at a held command again when it closes, which is when a forged status would act.
        admin.resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ExecutionPolicy","metadata":{"name":"quick","namespace":"%s"},
                 "spec":{"approval":{"expireAfter":"6s"}}}""".formatted(namespace), ExecutionPolicy.class)).create();
        for (String name : List.of("web", "decoy")) {
            admin.apps().deployments().inNamespace(namespace).resource(deployment(name, 1)).create();
        }
    }

    @Test
    void aStatusWriterCannotMoveAHeldDeleteToApproved() {
        commands.create("alice", "del-web", "command: {verb: delete, resource: {kind: Deployment}, name: web}");
        commands.await("del-web", s -> s.phase() == ExecutionPhase.AwaitingApproval);

        assertThatThrownBy(() -> patchStatus(cluster.as("alice"), "del-web", "{\"status\":{\"phase\":\"Approved\"}}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("ValidatingAdmissionPolicy");

        assertThat(commands.awaitFinal("del-web").phase()).isEqualTo(ExecutionPhase.Expired);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    @Test
    void aForgedApprovedPhaseStillNeedsARealApproval() {
        // Even a status the policy lets through (a cluster admin's restore, say) is not an approval.
        commands.create("alice", "del-web", "command: {verb: delete, resource: {kind: Deployment}, name: web}");
        commands.await("del-web", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        patchStatus(admin, "del-web", "{\"status\":{\"phase\":\"Approved\"}}");

        CommandExecutionStatus status = commands.awaitFinal("del-web");
        assertThat(status.phase()).isNotEqualTo(ExecutionPhase.Succeeded);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    @Test
    void aCommandEditedAfterItWasHeldDoesNotRunOnItsApproval() {
        commands.create("alice", "del-decoy", "command: {verb: delete, resource: {kind: Deployment}, name: decoy}");
        commands.await("del-decoy", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        // Carol is asked about decoy; the status the operator runs from is made to say web.
        patchStatus(admin, "del-decoy", "{\"status\":{\"translation\":{\"command\":{\"verb\":\"delete\","
                + "\"resource\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"},\"name\":\"web\"}}}}");
        commands.approve("carol", "del-decoy");

        CommandExecutionStatus status = commands.awaitFinal("del-decoy");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
        assertThat(status.phase()).isNotEqualTo(ExecutionPhase.Succeeded);
    }

    @Test
    void anApprovalReplayedOnAnotherCommandDoesNotRunIt() {
        commands.create("alice", "del-decoy", "command: {verb: delete, resource: {kind: Deployment}, name: decoy}");
        commands.await("del-decoy", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        commands.approve("carol", "del-decoy");
        assertThat(commands.awaitFinal("del-decoy").phase()).isEqualTo(ExecutionPhase.Succeeded);
        CommandExecution approved = admin.resources(CommandExecution.class).inNamespace(namespace).withName("del-decoy").get();

        // The same approval, copied into a new command's spec ...
        assertThatThrownBy(() -> commands.create("alice", "del-web", """
                command: {verb: delete, resource: {kind: Deployment}, name: web}
                approval: %s""".formatted(Serialization.asJson(approved.getSpec().approval()))))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("ValidatingAdmissionPolicy");
        // ... or its approved status copied onto a held one.
        commands.create("alice", "del-web-held", "command: {verb: delete, resource: {kind: Deployment}, name: web}");
        commands.await("del-web-held", s -> s.phase() == ExecutionPhase.AwaitingApproval);
        assertThatThrownBy(() -> patchStatus(cluster.as("alice"), "del-web-held", "{\"status\":{\"phase\":\"Approved\",\"conditions\":"
                + Serialization.asJson(approved.getStatus().conditions()) + "}}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("ValidatingAdmissionPolicy");

        assertThat(commands.awaitFinal("del-web-held").phase()).isEqualTo(ExecutionPhase.Expired);
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    private void patchStatus(KubernetesClient client, String name, String mergePatch) {
        client.resources(CommandExecution.class).inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

}
