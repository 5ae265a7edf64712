package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ClusterConnectionSpec;
import io.kubechat.crds.v1alpha1.SecretKeyReference;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-9: the operator's probe errors (parser messages quoting the kubeconfig, server URLs, root causes) were shown to
 * every signed-in web user by GET /api/v1/clusters. Web users get a plain state; the detail stays in the status.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class ClusterErrorsShownToEveryoneAttackIT {

    static final String MARKER = "leaky-token-l9";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBrokenConnectionsErrorIsNotShownToWebUsers() throws Exception {
        var admin = LocalCluster.shared().admin();
        admin.secrets().inNamespace(GatewayEnvironment.SYSTEM_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("l9-kubeconfig").endMetadata()
                .addToStringData("kubeconfig", "apiVersion: v1\nclusters:\n- cluster: {server: 'https://10.99.0.1:6443', token: " + MARKER + "\n  name: [x\n")
                .build()).serverSideApply();
        ClusterConnection cc = new ClusterConnection();
        cc.setMetadata(new ObjectMetaBuilder().withName("l9-broken").withNamespace(GatewayEnvironment.SYSTEM_NAMESPACE).build());
        cc.setSpec(new ClusterConnectionSpec("Broken", new SecretKeyReference("l9-kubeconfig", "kubeconfig"), null, null, null));
        admin.resources(ClusterConnection.class).inNamespace(GatewayEnvironment.SYSTEM_NAMESPACE).resource(cc).serverSideApply();
        var reported = admin.resources(ClusterConnection.class).inNamespace(GatewayEnvironment.SYSTEM_NAMESPACE).withName("l9-broken")
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().conditions() != null
                        && !c.getStatus().conditions().isEmpty(), 3, java.util.concurrent.TimeUnit.MINUTES);
        String raw = reported.getStatus().conditions().get(reported.getStatus().conditions().size() - 1).message();

        Attacks.user(Attacks.admin(base), "l9-viewer", "viewer", List.of());
        Browser viewer = Attacks.signedIn(base, "l9-viewer");
        JsonNode broken = null;
        for (JsonNode c : viewer.get("/api/v1/clusters").json()) {
            if (c.get("name").asText().equals("l9-broken")) {
                broken = c;
            }
        }
        assertThat(broken).isNotNull();
        assertThat(broken.get("reachable").asBoolean()).isFalse();
        String shown = broken.get("message").asText();
        assertThat(shown).as("operator said: %s", raw).isNotEqualTo(raw).doesNotContain(MARKER).doesNotContain("10.99.0.1")
                .doesNotContain("l9-kubeconfig");
        admin.resources(ClusterConnection.class).inNamespace(GatewayEnvironment.SYSTEM_NAMESPACE).withName("l9-broken").delete();
        Thread.sleep(Duration.ofSeconds(1).toMillis());
    }
}
