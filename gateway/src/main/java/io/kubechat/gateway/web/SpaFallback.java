package io.kubechat.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Paths that no REST endpoint or static file answered: the UI's own routes (/sessions/abc, /audit, ...) get the
 * single-page app's index.html, unknown API paths a JSON 404.
 */
@ApplicationScoped
public class SpaFallback {

    static final String INDEX = "META-INF/resources/index.html";

    void install(@Observes StartupEvent event, Router router, ObjectMapper json) {
        boolean hasUi = Thread.currentThread().getContextClassLoader().getResource(INDEX) != null;
        if (hasUi) {
            // Ahead of the REST layer, which would answer any unmatched path with its own 404: a GET of a
            // path that is no API, management endpoint or file (no extension) is a UI route.
            router.route().order(Integer.MIN_VALUE).handler(ctx -> {
                String path = ctx.normalizedPath();
                boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
                if (read && isUiRoute(path)) {
                    ctx.reroute("/index.html");
                } else {
                    ctx.next();
                }
            });
        }
        router.route().last().handler(ctx -> {
            String path = ctx.normalizedPath();
            if (path.startsWith("/api/") || path.equals("/api")) {
                try {
                    ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                            .end(json.writeValueAsString(new ErrorBody("NotFound", "no such API endpoint: " + path, null)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    ctx.fail(e);
                }
            } else {
                ctx.next();
            }
        });
    }

    static boolean isUiRoute(String path) {
        if (path.equals("/") || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || path.equals("/q")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
