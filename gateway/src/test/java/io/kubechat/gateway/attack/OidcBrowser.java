package io.kubechat.gateway.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.gateway.Browser;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser signing in through the mock OpenID Connect provider's login form: {@code subject} is what the form
 * calls the user name (the ID token's sub), {@code claims} the JSON of further claims.
 */
final class OidcBrowser {

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    OidcBrowser(URI base) {
        this.base = base;
    }

    /** Starts at /api/v1/auth/oidc and follows the flow; returns the gateway's last answer (303 to / when signed in). */
    HttpResponse<String> signIn(String subject, String claims) throws Exception {
        HttpResponse<String> toProvider = get(base.resolve("/api/v1/auth/oidc"));
        if (toProvider.statusCode() != 302) {
            return toProvider;
        }
        URI authorize = URI.create(location(toProvider));
        get(authorize);
        String fields = "username=" + enc(subject) + "&claims=" + enc(claims);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> at = get(authorize.resolve(location(signedIn)));
        for (int hops = 0; hops < 5 && at.statusCode() / 100 == 3 && !"/".equals(URI.create(location(at)).getPath()); hops++) {
            at = get(base.resolve(location(at)));
        }
        return at;
    }

    JsonNode me() throws Exception {
        HttpResponse<String> me = get(base.resolve("/api/v1/me"));
        return me.statusCode() == 200 ? Browser.JSON.readTree(me.body()) : null;
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String csrf) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
