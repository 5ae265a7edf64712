package io.kubechat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The harness gives a real control plane: fake nodes that are Ready, pods that run, RBAC that bites. */
@WithLocalCluster
class LocalClusterIT {

    @Test
    void kwokNodesAreReady(LocalCluster cluster) {
        List<Node> nodes = cluster.admin().nodes().withLabel("type", "kwok").list().getItems();
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                }));
    }

    @Test
    void aDeploymentGetsAReplicaSetAndRunningPods(LocalCluster cluster) {
        KubernetesClient admin = cluster.admin();
        String namespace = cluster.createNamespace("harness");
        Deployment deployment = TestWorkloads.deployment("web", 3);
        admin.apps().deployments().inNamespace(namespace).resource(deployment).create();

        admin.apps().deployments().inNamespace(namespace).withName("web")
                .waitUntilCondition(d -> d.getStatus() != null && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas()), 90, TimeUnit.SECONDS);
        assertThat(admin.apps().replicaSets().inNamespace(namespace).list().getItems()).hasSize(1);
        List<Pod> pods = admin.pods().inNamespace(namespace).withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
        });
    }

    @Test
    void podsServeLogsThroughTheApiServer(LocalCluster cluster) {
        KubernetesClient admin = cluster.admin();
        String namespace = cluster.createNamespace("logs");
        admin.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("talker").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
                .build()).create();
        admin.pods().inNamespace(namespace).withName("talker")
                .waitUntilCondition(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);

        String log = admin.pods().inNamespace(namespace).withName("talker").tailingLines(1).getLog();
        assertThat(log).contains("slow upstream");
        assertThat(admin.pods().inNamespace(namespace).withName("talker").terminated().getLog()).contains("out of memory");
    }

    @Test
    void testUsersAreAuthenticatedAndBoundByRbac(LocalCluster cluster) {
        String namespace = cluster.createNamespace("rbac");
        KubernetesClient alice = cluster.as("alice");
        var configMap = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("a", "b").build();

        assertThatThrownBy(() -> alice.configMaps().inNamespace(namespace).resource(configMap).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("User \"alice\" cannot create resource \"configmaps\"");

        cluster.bind(namespace, "alice", "ClusterRole", "edit");

        assertThat(alice.configMaps().inNamespace(namespace).resource(configMap).create().getMetadata().getName()).isEqualTo("settings");
        assertThatThrownBy(() -> cluster.as("bob").configMaps().inNamespace(namespace).withName("settings").get())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("User \"bob\" cannot get resource \"configmaps\"");
    }

    @Test
    void whoAmIReportsTheCertificateIdentity(LocalCluster cluster) {
        ProcessResult whoami = cluster.kubectl("carol", "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
        assertThat(whoami.succeeded()).as(whoami.stderr()).isTrue();
        assertThat(whoami.stdout()).contains("carol", LocalCluster.TEST_USERS_GROUP);
    }

    @Test
    void validatingAdmissionPoliciesAreServed(LocalCluster cluster) {
        ProcessResult resources = cluster.kubectl("admin", "api-resources", "--api-group=admissionregistration.k8s.io", "-o", "name");
        assertThat(resources.stdout()).contains("validatingadmissionpolicies.admissionregistration.k8s.io",
                "validatingadmissionpolicybindings.admissionregistration.k8s.io");
    }
}
