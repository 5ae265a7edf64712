package io.kubechat.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on one running gateway: N chat sessions, each with its WebSocket stream open, each sending read requests
 * for a bounded time. Measures request-to-preview: from POST .../messages until the session's stream shows the
 * CommandExecution translated with its kubectl rendering. The same-run baseline is the same measurement with a
 * single session before the load starts. Also reports errors (must be 0) and the gateway's peak VmRSS.
 *
 * <pre>
 * java -cp ... io.kubechat.bench.gateway.GatewayLoadBench --url http://127.0.0.1:8080 --user alice --password ... \
 *     --gateway-pid PID [--sessions 1000] [--duration 180] [--think 20] [--preview-timeout 120] [--namespace shop]
 *     [--request "get pods in shop"]
 * </pre>
 * Each session waits for its preview (at most --preview-timeout seconds, else an error), then thinks for about --think
 * seconds (randomized, and the first request starts at a random point of the first think time) before the next.
 * The gateway's rate limits must allow the load (KUBECHAT_GATEWAY_RATE_LIMIT_PER_USER / _PER_IP). Sessions it
 * created are deleted at the end, and their commands with them (owner references).
 */
public final class GatewayLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final String request;
    private final String namespace;
    private final Duration previewTimeout;
    private String csrf;

    private final AtomicLong errors = new AtomicLong();
    private final Map<String, String> errorKinds = new ConcurrentHashMap<>();
    /** CE name to the nanoTime its POST was sent, until its preview is seen. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** CE name to the nanoTime its preview arrived, when that came before the POST's answer. */
    private final Map<String, Long> previewAt = new ConcurrentHashMap<>();
    private final Map<String, Session> sessionOfCommand = new ConcurrentHashMap<>();
    private volatile List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

    private GatewayLoadBench(URI base, String request, String namespace, Duration previewTimeout) {
        this.base = base;
        this.previewTimeout = previewTimeout;
        this.request = request;
        this.namespace = namespace;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(20))
                .executor(Executors.newFixedThreadPool(8)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        URI url = URI.create(a.getOrDefault("url", "http://127.0.0.1:8080"));
        int sessions = Integer.parseInt(a.getOrDefault("sessions", "1000"));
        Duration duration = Duration.ofSeconds(Long.parseLong(a.getOrDefault("duration", "180")));
        double think = Double.parseDouble(a.getOrDefault("think", "20"));
        long pid = Long.parseLong(a.getOrDefault("gateway-pid", "0"));
        GatewayLoadBench bench = new GatewayLoadBench(url, a.getOrDefault("request", "get pods in shop"), a.getOrDefault("namespace", "shop"),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("preview-timeout", "120"))));
        bench.login(a.getOrDefault("user", "alice"), required(a, "password"));

        System.out.printf("gateway %s, %d sessions, %s of load, think time ~%.0f s, request \"%s\"%n", url, sessions, duration, think,
                bench.request);
        long rssBefore = rssKiB(pid);
        Stats baseline = bench.run(1, Duration.ofSeconds(20), 0.5, pid, "baseline (1 session, no other load)");
        Stats load = bench.run(sessions, duration, think, pid, "load (" + sessions + " sessions)");
        System.out.println();
        System.out.println("== request-to-preview (POST message -> stream shows kubectl rendering)");
        System.out.println(baseline.line("baseline"));
        System.out.println(load.line("load"));
        System.out.printf("p50 under load / baseline p50: %.1fx%n", load.p50 / Math.max(1.0, baseline.p50));
        System.out.printf("errors: %d %s%n", bench.errors.get(), bench.errorKinds.isEmpty() ? "" : bench.errorKinds);
        System.out.printf("gateway VmRSS: before %d MiB, peak during load %d MiB, open streams at peak %d%n", rssBefore / 1024,
                load.peakRssKiB / 1024, load.openStreams);
        System.exit(bench.errors.get() == 0 ? 0 : 1);
    }

    record Stats(int requests, double p50, double p95, double p99, double max, long peakRssKiB, int openStreams) {
        String line(String name) {
            return String.format("%-9s n=%6d  p50=%7.1f ms  p95=%7.1f ms  p99=%7.1f ms  max=%7.1f ms", name, requests, p50, p95, p99, max);
        }
    }

    private final class Session implements WebSocket.Listener {
        final String id;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile CountDownLatch previewed;

        Session(String id) {
            this.id = id;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onEvent(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void onEvent(String text) {
            long now = System.nanoTime();
            JsonNode e;
            try {
                e = JSON.readTree(text);
            } catch (IOException ex) {
                error("bad stream frame");
                return;
            }
            JsonNode command = e.path("command");
            if (!"command".equals(e.path("type").asText()) || command.path("kubectl").isMissingNode() || command.path("kubectl").isNull()) {
                String phase = command.path("phase").asText("");
                if (phase.equals("Failed") || phase.equals("Denied")) {
                    error("command " + phase + ": " + command.path("message").asText());
                }
                return;
            }
            String name = command.path("name").asText();
            String phase = command.path("phase").asText("");
            if (phase.equals("Failed") || phase.equals("Denied")) {
                error("command " + phase + ": " + command.path("message").asText());
            }
            Long t0 = sentAt.remove(name);
            if (t0 != null) {
                record(name, now - t0);
            } else if (!sessionOfCommand.containsKey(name)) {
                previewAt.putIfAbsent(name, now);
            }
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            error("stream error: " + error.getClass().getSimpleName());
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            if (socket != null) {
                error("stream closed by the gateway: " + status);
            }
            return null;
        }
    }

    private void record(String name, long nanos) {
        latencies.add(nanos);
        Session s = sessionOfCommand.remove(name);
        if (s != null && s.previewed != null) {
            s.previewed.countDown();
        }
    }

    private Stats run(int count, Duration duration, double thinkSeconds, long pid, String label) throws Exception {
        latencies = Collections.synchronizedList(new ArrayList<>());
        System.out.printf("%s: creating sessions and opening streams...%n", label);
        List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
        Semaphore parallel = new Semaphore(32);
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parallel.acquire();
            opening.add(CompletableFuture.runAsync(() -> {
                try {
                    JsonNode s = call("POST", "/api/v1/sessions", Map.of("title", "load", "namespace", namespace), 201);
                    Session session = new Session(s.get("id").asText());
                    session.socket = http.newWebSocketBuilder().header("Cookie", "KUBECHAT_SESSION=" + cookie())
                            .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/api/v1/sessions/" + session.id + "/stream"),
                                    session).get(60, TimeUnit.SECONDS);
                    sessions.add(session);
                } catch (Exception e) {
                    error("open session: " + e.getClass().getSimpleName() + " " + e.getMessage());
                } finally {
                    parallel.release();
                }
            }));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        System.out.printf("%s: %d streams open; sending requests for %s%n", label, sessions.size(), duration);

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong peak = new AtomicLong(rssKiB(pid));
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(rssKiB(pid), Math::max), 1, 1, TimeUnit.SECONDS);
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> loops = new ArrayList<>();
        for (Session s : sessions) {
            Thread t = new Thread(() -> loop(s, end, thinkSeconds), "session-" + s.id);
            t.setDaemon(true);
            t.start();
            loops.add(t);
        }
        for (Thread t : loops) {
            t.join();
        }
        sampler.shutdownNow();
        int open = sessions.size();
        System.out.printf("%s: done; deleting %d sessions (their commands go with them)%n", label, sessions.size());
        for (Session s : sessions) {
            WebSocket ws = s.socket;
            s.socket = null;
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        List<CompletableFuture<Void>> deleting = new ArrayList<>();
        for (Session s : sessions) {
            parallel.acquire();
            deleting.add(CompletableFuture.runAsync(() -> {
                try {
                    call("DELETE", "/api/v1/sessions/" + s.id, null, 204);
                } catch (Exception e) {
                    error("delete session: " + e.getMessage());
                } finally {
                    parallel.release();
                }
            }));
        }
        CompletableFuture.allOf(deleting.toArray(CompletableFuture[]::new)).join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Stats(sorted.size(), ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), ms(sorted, 1.0), peak.get(), open);
    }

    /** One session: send, wait for the preview, think (randomized so sessions do not march in step), repeat. */
    private void loop(Session s, long end, double thinkSeconds) {
        try {
            pause(ThreadLocalRandom.current().nextDouble() * thinkSeconds, end);
            while (System.nanoTime() < end) {
                s.previewed = new CountDownLatch(1);
                long t0 = System.nanoTime();
                JsonNode posted = call("POST", "/api/v1/sessions/" + s.id + "/messages", Map.of("text", request), 202);
                String name = posted.get("command").get("name").asText();
                sessionOfCommand.put(name, s);
                Long early = previewAt.remove(name);
                if (early != null) {
                    record(name, early - t0);
                } else {
                    sentAt.put(name, t0);
                    Long raced = previewAt.remove(name);
                    if (raced != null && sentAt.remove(name) != null) {
                        record(name, raced - t0);
                    }
                }
                if (!s.previewed.await(previewTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    sentAt.remove(name);
                    sessionOfCommand.remove(name);
                    error("no preview within " + previewTimeout.toSeconds() + " s");
                }
                pause(thinkSeconds * (0.5 + ThreadLocalRandom.current().nextDouble()), end);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            error("request: " + e.getMessage());
        }
    }

    /** Sleeps {@code seconds}, but not past the end of the run. */
    private static void pause(double seconds, long end) throws InterruptedException {
        long until = Math.min(System.nanoTime() + (long) (seconds * 1e9), end);
        long millis = (until - System.nanoTime()) / 1_000_000;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private void login(String user, String password) throws Exception {
        JsonNode r = call("POST", "/api/v1/auth/login", Map.of("username", user, "password", password), 200);
        csrf = r.get("csrfToken").asText();
    }

    private String cookie() {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals("KUBECHAT_SESSION"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private JsonNode call(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body().length == 0 ? null : JSON.readTree(r.body());
    }

    private void error(String kind) {
        errors.incrementAndGet();
        errorKinds.merge(kind.length() > 120 ? kind.substring(0, 120) : kind, "1", (x, y) -> Integer.toString(Integer.parseInt(x) + 1));
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
    }

    static long rssKiB(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
