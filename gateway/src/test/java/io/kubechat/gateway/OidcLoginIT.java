package io.kubechat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow against a real OpenID Connect provider: the browser is sent to the provider, signs in
 * on its login form, comes back with a code that quarkus-oidc exchanges, and ends up with a gateway session whose
 * Kubernetes identity carries the configured prefixes and the provider's groups.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MockOidcProvider.class, restrictToAnnotatedClass = true)
class OidcLoginIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void codeFlowSignsInWithMappedGroups() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();

        assertThat(get(browser, base.resolve("/api/v1/auth/providers")).body()).contains("\"oidc\":true");

        HttpResponse<String> toProvider = get(browser, base.resolve("/api/v1/auth/oidc"));
        assertThat(toProvider.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPath()).endsWith("/default/authorize");

        HttpResponse<String> form = get(browser, authorize);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"username\"").contains("name=\"claims\"");

        String claims = "{\"preferred_username\":\"oscar\",\"name\":\"Oscar O.\",\"groups\":[\"platform\",\"kubechat-admins\"]}";
        String fields = "username=" + enc("oscar") + "&claims=" + enc(claims);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        URI next = authorize.resolve(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(next.getQuery()).contains("code=");

        // Back at the gateway: quarkus-oidc exchanges the code, then the gateway opens its own session and sends the browser home.
        HttpResponse<String> at = get(browser, next);
        StringBuilder trail = new StringBuilder(next + " -> " + at.statusCode() + " " + location(at));
        for (int hops = 0; hops < 5 && at.statusCode() / 100 == 3 && !"/".equals(URI.create(location(at)).getPath()); hops++) {
            at = get(browser, base.resolve(location(at)));
            trail.append(" -> ").append(at.statusCode()).append(' ').append(location(at));
        }
        assertThat(at.statusCode()).as(trail + " " + at.body()).isEqualTo(303);
        assertThat(URI.create(location(at)).getPath()).isEqualTo("/");
        assertThat(at.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("KUBECHAT_SESSION=") && c.contains("HttpOnly"));

        HttpResponse<String> me = get(browser, base.resolve("/api/v1/me"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode user = Browser.JSON.readTree(me.body());
        assertThat(user.get("username").asText()).isEqualTo("oscar");
        assertThat(user.get("displayName").asText()).isEqualTo("Oscar O.");
        assertThat(user.get("kubernetesUser").asText()).isEqualTo("oidc:oscar");
        assertThat(user.get("groups")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("oidc:platform", "oidc:kubechat-admins", "kubechat:users");
        assertThat(user.get("roles")).extracting(JsonNode::asText).contains("admin");
    }

    private static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
