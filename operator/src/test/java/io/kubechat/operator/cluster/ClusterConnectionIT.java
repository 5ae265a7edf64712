package io.kubechat.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ClusterConnectionStatus;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The operator probes other clusters named by ClusterConnections: here a second local API server. */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ClusterConnectionIT {

    @Test
    void aSecondClusterIsReachableWithItsVersionThenUnreachableWhenItStops() throws Exception {
        LocalCluster local = LocalCluster.shared();
        KubernetesClient admin = local.admin();
        String namespace = local.createNamespace("connections");
        try (LocalCluster second = LocalCluster.startAnother(Path.of("target", "second-cluster"))) {
            admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("second-kubeconfig").endMetadata()
                    .addToStringData("kubeconfig", Files.readString(second.kubeconfig("admin"))).build()).create();
            admin.resources(ClusterConnection.class).inNamespace(namespace).resource(connection("second", "second-kubeconfig")).create();

            ClusterConnectionStatus reachable = await(admin, namespace, "second", s -> Boolean.TRUE.equals(s.reachable()));
            assertThat(reachable.serverVersion()).isEqualTo("v1.35.4");
            assertThat(reachable.conditions()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("Reachable");
                assertThat(c.reason()).isEqualTo("Connected");
            });

            second.close();
            ClusterConnectionStatus lost = await(admin, namespace, "second", s -> Boolean.FALSE.equals(s.reachable()));
            assertThat(lost.conditions().get(0).reason()).isEqualTo("Unreachable");
            assertThat(lost.conditions().get(0).message()).startsWith("cannot reach https://127.0.0.1:");
        }
    }

    @Test
    void aMissingSecretIsReportedAsSuch() {
        LocalCluster local = LocalCluster.shared();
        KubernetesClient admin = local.admin();
        String namespace = local.createNamespace("connections");
        admin.resources(ClusterConnection.class).inNamespace(namespace).resource(connection("ghost", "no-such-secret")).create();
        ClusterConnectionStatus status = await(admin, namespace, "ghost", s -> s.conditions() != null);
        assertThat(status.reachable()).isFalse();
        assertThat(status.conditions().get(0).reason()).isEqualTo("SecretNotFound");
        assertThat(status.conditions().get(0).message()).isEqualTo("Secret no-such-secret not found in namespace " + namespace);
    }

    private static ClusterConnection connection(String name, String secret) {
        return Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ClusterConnection","metadata":{"name":"%s"},
                 "spec":{"displayName":"%s","kubeconfigSecretRef":{"name":"%s"}}}""".formatted(name, name, secret), ClusterConnection.class);
    }

    private static ClusterConnectionStatus await(KubernetesClient admin, String namespace, String name, Predicate<ClusterConnectionStatus> condition) {
        return admin.resources(ClusterConnection.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(c -> c != null && c.getStatus() != null && condition.test(c.getStatus()), 60, TimeUnit.SECONDS)
                .getStatus();
    }
}
