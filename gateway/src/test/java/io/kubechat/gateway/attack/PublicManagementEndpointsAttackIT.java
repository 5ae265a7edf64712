package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-5: the Ingress routes everything to the gateway's port, where metrics and the OpenAPI document were served to
 * anyone. They belong on the management port, which no Ingress routes.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class PublicManagementEndpointsAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void metricsAndOpenApiAreNotOnThePublicPort() {
        Browser anonymous = new Browser(base);
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/openapi?format=json", "/%71/metrics", "/q/metrics/")) {
            Browser.Reply r = anonymous.send("GET", path, null, false, java.util.Map.of());
            assertThat(r.status()).as("%s on the public port: %s", path, r.text()).isEqualTo(404);
            assertThat(r.text()).doesNotContain("kubechat_gateway").doesNotContain("openapi");
        }
    }
}
