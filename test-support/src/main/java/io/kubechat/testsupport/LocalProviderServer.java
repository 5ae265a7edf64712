package io.kubechat.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on the loopback interface (the JDK's com.sun.net.httpserver) that answers a
 * provider's API paths with scripted responses, in that provider's wire format, and records every
 * request it received.
 */
public final class LocalProviderServer implements AutoCloseable {

    /** A scripted answer: status and JSON body, optionally only after a delay (to provoke timeouts). */
    public record Reply(int status, String body, Duration delay) {
        public static Reply ok(String body) {
            return new Reply(200, body, Duration.ZERO);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        public static Reply slow(Duration delay, String body) {
            return new Reply(200, body, delay);
        }
    }

    /** What a client sent. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public LocalProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public synchronized LocalProviderServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply;
        synchronized (this) {
            reply = script.isEmpty() ? Reply.status(500, "{\"error\":{\"message\":\"no scripted reply\"}}") : script.poll();
        }
        if (!reply.delay().isZero()) {
            try {
                // waits out the client's timeout; released early when the test ends
                released.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection, which is what the test provoked
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
