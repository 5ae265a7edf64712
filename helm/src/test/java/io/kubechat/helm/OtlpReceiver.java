package io.kubechat.helm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint on the loopback interface (the JDK's HTTP
 * server): it takes POST /v1/traces, answers with an empty ExportTraceServiceResponse, and keeps the
 * protobuf bodies, in which service and span names appear as plain UTF-8.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            exports.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether one export holds all of {@code texts}, as one service's batch would. */
    boolean received(String... texts) {
        return exports.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                .anyMatch(body -> List.of(texts).stream().allMatch(body::contains));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
