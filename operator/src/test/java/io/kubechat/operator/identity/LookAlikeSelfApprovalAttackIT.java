package io.kubechat.operator.identity;

import static io.kubechat.testsupport.TestWorkloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's own check of the approver: a distinct approver means a distinct person, so a second
 * account whose name differs from the requester's only by case does not count, though Kubernetes sees two
 * users and admission lets it approve. (Compatibility forms and invisible characters are caught the same way,
 * see IdentitiesTest; they cannot be sent here, as an impersonation header carries only ASCII.)
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class LookAlikeSelfApprovalAttackIT {

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("look-alike");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.createRole(namespace, "kubechat-approver", "kubechat.io", List.of("commandexecutions"), List.of("get", "patch", "approve"));
        cluster.bind(namespace, "bob", "Role", "kubechat-user");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 1)).create();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bob", "BOB"})
    void bobCannotApproveHisOwnDeleteFromALookAlikeAccount(String lookAlike) throws Exception {
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("approver-" + Integer.toHexString(lookAlike.hashCode())).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "kubechat-approver")
                .addNewSubject().withKind("User").withName(lookAlike).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        String name = "del-web-" + Integer.toHexString(lookAlike.hashCode());
        commands.create("bob", name, "command: {verb: delete, resource: {kind: Deployment}, name: web}");
        commands.await(name, s -> s.phase() == ExecutionPhase.AwaitingApproval);

        try (KubernetesClient asLookAlike = impersonating(lookAlike)) {
            asLookAlike.resources(CommandExecution.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"approval\":{\"decision\":\"approved\",\"approver\":{\"user\":" + io.fabric8.kubernetes.client.utils.Serialization
                            .asJson(lookAlike) + "}}}}");
        }

        CommandExecutionStatus status = commands.awaitFinal(name);
        assertThat(status.phase()).isEqualTo(ExecutionPhase.Rejected);
        assertThat(status.conditions()).anySatisfy(c -> assertThat(c.message()).contains("may not approve their own command"));
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();
    }

    /** The admin acting as another user, as an authenticating proxy in front of the API server would. */
    private KubernetesClient impersonating(String user) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(cluster.kubeconfig("admin")));
        config.setImpersonateUsername(user);
        config.setImpersonateGroups(LocalCluster.TEST_USERS_GROUP);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
