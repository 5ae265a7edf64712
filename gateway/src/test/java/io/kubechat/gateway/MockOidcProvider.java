package io.kubechat.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/** A real OpenID Connect provider on loopback (mock-oauth2-server) with its interactive login form. */
public class MockOidcProvider implements QuarkusTestResourceLifecycleManager {

    private MockOAuth2Server server;

    @Override
    public Map<String, String> start() {
        server = new MockOAuth2Server(new OAuth2Config(true));
        server.start(InetAddress.getLoopbackAddress(), 0);
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", server.issuerUrl("default").toString(),
                "quarkus.oidc.client-id", "kubechat-gateway",
                "quarkus.oidc.credentials.secret", "gateway-client-secret",
                "quarkus.oidc.authentication.state-secret", "a-state-secret-of-at-least-32-characters",
                "kubechat.gateway.username-prefix", "oidc:",
                "kubechat.gateway.group-prefix", "oidc:",
                "kubechat.gateway.oidc.admin-group", "kubechat-admins");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
        }
    }
}
