package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.GatewayEnvironment;
import io.kubechat.gateway.MockOidcProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * L-2: signing out left quarkus-oidc's own session cookie, so the next visit to /api/v1/auth/oidc opened a new
 * gateway session without the identity provider being asked (on a shared computer: the next person is you).
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MockOidcProvider.class, restrictToAnnotatedClass = true)
class OidcSessionSurvivesLogoutAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void afterSignOutTheProviderIsAskedAgain() throws Exception {
        OidcBrowser b = new OidcBrowser(base);
        assertThat(b.signIn("subject-leaver", "{\"preferred_username\":\"leaver\"}").statusCode()).isEqualTo(303);
        String csrf = b.me().get("csrfToken").asText();
        assertThat(b.post("/api/v1/auth/logout", csrf).statusCode()).isEqualTo(204);
        assertThat(b.me()).isNull();
        HttpResponse<String> again = b.get(base.resolve("/api/v1/auth/oidc"));
        assertThat(again.statusCode()).as("signing in again goes to the provider: %s", OidcBrowser.location(again)).isEqualTo(302);
        assertThat(URI.create(OidcBrowser.location(again)).getPath()).endsWith("/authorize");
        assertThat(b.me()).isNull();
    }

    @Test
    void theCodeFlowUsesPkceAndANonce() throws Exception {
        HttpResponse<String> toProvider = new OidcBrowser(base).get(base.resolve("/api/v1/auth/oidc"));
        String query = URI.create(OidcBrowser.location(toProvider)).getQuery();
        assertThat(query).contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=");
    }
}
