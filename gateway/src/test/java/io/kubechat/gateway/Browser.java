package io.kubechat.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** What the UI does over HTTP: a cookie jar, the CSRF header on writes, JSON in and out. */
public final class Browser {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, HttpHeaders headers, byte[] bytes) {
        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    public Browser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Reply login(String username, String password) {
        return login(username, password, Map.of());
    }

    public Reply login(String username, String password, Map<String, String> headers) {
        Reply r = send("POST", "/api/v1/auth/login", Map.of("username", username, "password", password), false, headers);
        if (r.status() == 200) {
            csrf = r.json().get("csrfToken").asText();
        }
        return r;
    }

    public String csrf() {
        return csrf;
    }

    public void csrf(String token) {
        this.csrf = token;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals("KUBECHAT_SESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    public Reply get(String path) {
        return send("GET", path, null, false);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, true);
    }

    public Reply postWithoutCsrf(String path, Object body) {
        return send("POST", path, body, false);
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, body, true);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, true);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, true);
    }

    public Reply send(String method, String path, Object body, boolean withCsrf) {
        return send(method, path, body, withCsrf, Map.of());
    }

    /**
     * A request whose path goes out exactly as written (no resolution against the base, so {@code //api} and
     * {@code /%61pi} reach the server unchanged), with extra headers such as X-Forwarded-For or User-Agent.
     */
    public Reply send(String method, String path, Object body, boolean withCsrf, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.getScheme() + "://" + base.getRawAuthority() + path))
                    .timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (withCsrf && csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the session's stream with this browser's cookie; every text frame lands in the returned list. */
    public Stream stream(String sessionId) {
        Stream stream = new Stream();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/api/v1/sessions/" + sessionId + "/stream");
        WebSocket.Builder builder = http.newWebSocketBuilder();
        String cookie = sessionCookie();
        if (cookie != null) {
            builder.header("Cookie", "KUBECHAT_SESSION=" + cookie);
        }
        try {
            stream.socket = builder.buildAsync(ws, stream).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            stream.failure = e;
        }
        return stream;
    }

    public static final class Stream implements WebSocket.Listener {
        public final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        Exception failure;
        volatile Integer closedWith;

        public boolean opened() {
            return socket != null;
        }

        /** The status code the server closed the stream with, or null while it is open. */
        public Integer closedWith() {
            return closedWith;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith = statusCode;
            return null;
        }

        public Exception failure() {
            return failure;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        public void close() {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }
}
