package io.kubechat.bench.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.bench.ProcessCpu;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.OperatorProcess;
import io.kubechat.testsupport.OperatorRbac;
import io.kubechat.testsupport.TestWorkloads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * End to end through the real, packaged operator (issue 5's numbers): how long a CommandExecution takes from
 * its creation to Succeeded, beside the baseline of one raw fabric8 GET against the same API server; how many
 * executions a second it sustains, beside the API floor (the same commands' API calls made with no operator);
 * and how much memory it holds once 10,000 CommandExecutions exist.
 *
 * <p>Against the local cluster named by {@code KUBECHAT_CLUSTER_DIR} (or one it starts) and an embedded PostgreSQL
 * (synchronous_commit on) for the operator's audit ledger; the operator runs as its own ServiceAccount, as installed.
 * Latency is measured client-side, from the return of {@code create()} to the informer event that shows the
 * terminal phase (creationTimestamp has only second resolution). Commands are structured ({@code spec.command}), created as the admin with the admin as requester.
 * Run: {@code java -cp bench/target/benchmarks.jar io.kubechat.bench.operator.OperatorThroughputBench}; sizes with
 * {@code -Dkubechat.bench.operator.batch=N} (default 1000) and {@code -Dkubechat.bench.operator.population=N}
 * (default 10000).
 */
public final class OperatorThroughputBench {

    private static final int BASELINE_SAMPLES = 200;
    private static final int SEQUENTIAL_SAMPLES = 100;
    private static final int CREATORS = 8;
    private static final int WARM_UP_BATCH = 500;
    /** Translated, Authorized, Running, Succeeded. */
    private static final int EVENTS_PER_READ = 4;
    private static final long AWAIT_SECONDS = Long.getLong("kubechat.bench.operator.awaitSeconds", 900);

    private final LocalCluster cluster;
    private final KubernetesClient admin;
    private final Identity requester;
    private final List<String> summary = new ArrayList<>();
    private Process operator;
    private ProcessCpu cpu;

    private OperatorThroughputBench(LocalCluster cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
        this.requester = requester(admin);
    }

    public static void main(String[] args) throws Exception {
        int batch = Integer.getInteger("kubechat.bench.operator.batch", 1000);
        int population = Integer.getInteger("kubechat.bench.operator.population", 10_000);
        LocalCluster cluster = LocalCluster.attachOrStart();
        try {
            new OperatorThroughputBench(cluster).run(batch, population);
        } finally {
            cluster.close();
        }
    }

    private void run(int batch, int population) throws Exception {
        Path repo = cluster.repoRoot();
        cluster.installCrds(repo.resolve("crds/generated"));
        cluster.installIdentityPolicies();
        // The requester's rights by its user name, as its system:masters group is not acted as.
        admin.rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                .withNewMetadata().withName("kubechat-bench-requester-edit").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                .addNewSubject().withKind("User").withName(requester.user()).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).serverSideApply();
        String operatorNamespace = cluster.createNamespace("kubechat-bench");
        String namespace = cluster.createNamespace("bench-ops");
        String populationNamespace = cluster.createNamespace("bench-population");
        String floorNamespace = cluster.createNamespace("bench-floor");
        admin.apps().deployments().inNamespace(namespace).resource(TestWorkloads.deployment("web", 1)).create();
        admin.apps().deployments().inNamespace(namespace).withName("web").waitUntilCondition(
                d -> d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()), 120, TimeUnit.SECONDS);
        // -Dkubechat.bench.operator.jvmOptions adds options for the operator's JVM, a flight recording say.
        String jvm = (chartJvmOptions(repo) + " " + System.getProperty("kubechat.bench.operator.jvmOptions", "")).strip();
        summary.add("  operator JVM as the chart's pod runs it: " + jvm);
        // As installed: its own ServiceAccount and token, with only the rights its manifest grants.
        Path operatorKubeconfig = OperatorRbac.install(cluster, operatorNamespace);
        Path work = Files.createTempDirectory("kubechat-operator-bench");
        Path log = work.resolve("operator.log");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            try (Tracker tracker = new Tracker(admin, namespace, () -> operator.isAlive())) {
                // Warm-up: the operator starts, elects itself, and compiles its hot paths. On an overloaded machine
                // its informers may time out at start, and it exits: then it is started again, as a pod would be.
                for (int attempt = 1; ; attempt++) {
                    operator = OperatorProcess.start(cluster, operatorKubeconfig, postgres.getJdbcUrl("postgres", "postgres"),
                            operatorNamespace, work.resolve("signing-key.pem").toString(), log.resolveSibling("operator-" + attempt + ".log"),
                            Map.of("JAVA_TOOL_OPTIONS", jvm));
                    System.out.println("operator pid " + operator.pid() + ", log " + log.resolveSibling("operator-" + attempt + ".log"));
                    try {
                        runSequential(tracker, namespace, "warm" + attempt, 30, this::read);
                        break;
                    } catch (OperatorExited e) {
                        if (attempt == 3) {
                            throw e;
                        }
                        summary.add("  operator exited during warm-up (attempt " + attempt + "), started again");
                    }
                }
                // A running operator has compiled its hot paths; without this the first batch measured the JIT compiler too.
                runBatch(tracker, namespace, "warm-read", WARM_UP_BATCH, this::read);
                runBatch(tracker, namespace, "warm-write", WARM_UP_BATCH, this::write);
                long rssIdle = rssKiB(operator.pid());
                cpu = processes(postgres.getPort());

                double getP50 = rawGet(namespace);
                runSequential(tracker, namespace, "read-seq", SEQUENTIAL_SAMPLES, this::read).report("reads, one at a time", getP50);
                ProcessCpu.Sample reads = cpu.sample();
                runBatch(tracker, namespace, "read", batch, this::read).report("reads, " + batch + " at once", getP50);
                summary.add("      " + cpu.perUnit(reads, batch, "command"));
                runSequential(tracker, namespace, "write-seq", SEQUENTIAL_SAMPLES, this::write).report("writes (scale), one at a time", getP50);
                ProcessCpu.Sample writes = cpu.sample();
                runBatch(tracker, namespace, "write", batch, this::write).report("writes (scale), " + batch + " at once", getP50);
                summary.add("      " + cpu.perUnit(writes, batch, "command"));

                summary.add(String.format(Locale.ROOT, "  %-52s %10d MiB", "operator resident memory, warmed up", rssIdle / 1024));
                System.out.println("population of " + population);
                double executionsPerSecond = populate(operator.pid(), populationNamespace, population);
                CommandExecutionStatus succeeded = admin.resources(CommandExecution.class).inNamespace(namespace).withName("read-0").get()
                        .getStatus();
                stopOperator();
                apiFloor(operatorKubeconfig, floorNamespace, namespace, succeeded, population, executionsPerSecond);
            } finally {
                stopOperator();
                deleteQuietly(namespace);
                deleteQuietly(populationNamespace);
                deleteQuietly(floorNamespace);
                deleteQuietly(operatorNamespace);
            }
        } finally {
            summary.add("  operator logs: " + log.getParent());
            System.out.println();
            System.out.println("== Operator end to end (" + Runtime.getRuntime().availableProcessors()
                    + " CPUs; goals: p50 within 10x of a raw GET, at least 100 executions/s)");
            summary.forEach(System.out::println);
        }
    }

    /**
     * The JVM options the chart gives the operator, with the pod's memory limit as the RAM the JVM sizes
     * its heap from (what a container limit does), so resident memory is what the pod would show.
     */
    private static String chartJvmOptions(Path repo) throws IOException {
        JsonNode operator = Serialization.yamlMapper().readTree(repo.resolve("helm/kubechat/values.yaml").toFile()).path("operator");
        long limitMiB = Quantity.getAmountInBytes(new Quantity(operator.path("resources").path("limits").path("memory").asText()))
                .longValue() / (1024 * 1024);
        return "-XX:MaxRAM=" + limitMiB + "m " + operator.path("javaOptions").asText();
    }

    /** Where a command's CPU goes: the operator, the API server and its etcd, the ledger's PostgreSQL, and this load generator. */
    private ProcessCpu processes(int postgresPort) {
        long apiServer = ProcessCpu.apiServer(URI.create(admin.getConfiguration().getMasterUrl()).getPort()).orElse(-1);
        return new ProcessCpu()
                .add("operator", operator.pid())
                .add("API server", apiServer)
                .add("etcd", apiServer < 0 ? -1 : ProcessCpu.etcdOf(apiServer).orElse(-1))
                .add("PostgreSQL", ProcessCpu.postgres(postgresPort).orElse(-1))
                .addThisJvm("load generator");
    }

    /** The baseline: a raw fabric8 GET of the Deployment the commands read. */
    private double rawGet(String namespace) {
        for (int i = 0; i < 50; i++) {
            admin.apps().deployments().inNamespace(namespace).withName("web").get();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < BASELINE_SAMPLES; i++) {
            long start = System.nanoTime();
            admin.apps().deployments().inNamespace(namespace).withName("web").get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        double p50 = percentile(millis, 50);
        summary.add(String.format(Locale.ROOT, "  %-52s p50 %7.2f ms  p99 %7.2f ms  (%d samples)",
                "raw fabric8 GET of a Deployment (baseline)", p50, percentile(millis, 99), BASELINE_SAMPLES));
        return p50;
    }

    private String read(String namespace, int i) {
        return i % 2 == 0
                ? "{\"verb\":\"get\",\"resource\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"},\"name\":\"web\",\"namespace\":\"" + namespace + "\"}"
                : "{\"verb\":\"get\",\"resource\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\"},\"namespace\":\"" + namespace + "\"}";
    }

    private String write(String namespace, int i) {
        return "{\"verb\":\"scale\",\"resource\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"},\"name\":\"web\",\"namespace\":\""
                + namespace + "\",\"arguments\":{\"replicas\":" + (1 + i % 3) + "}}";
    }

    private interface Commands {
        String command(String namespace, int i);
    }

    private CommandExecution create(String namespace, String name, String command) {
        String json = "{\"apiVersion\":\"kubechat.io/v1alpha1\",\"kind\":\"CommandExecution\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"requester\":" + Serialization.asJson(requester) + ",\"command\":" + command + "}}";
        return admin.resources(CommandExecution.class).inNamespace(namespace).resource(Serialization.unmarshal(json, CommandExecution.class))
                .create();
    }

    /** One command at a time: the latency of a command with nothing else in flight. */
    private Result runSequential(Tracker tracker, String namespace, String prefix, int count, Commands commands)
            throws InterruptedException {
        Result result = new Result(count);
        long first = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            tracker.expect(name);
            create(namespace, name, commands.command(namespace, i));
            long created = System.nanoTime();
            tracker.await(name, AWAIT_SECONDS);
            result.add(tracker, name, created);
        }
        result.window(first, System.nanoTime());
        return result;
    }

    /** {@code count} commands created as fast as {@value #CREATORS} clients can: latency under load and throughput. */
    private Result runBatch(Tracker tracker, String namespace, String prefix, int count, Commands commands) throws Exception {
        Result result = new Result(count);
        long[] createdAt = new long[count];
        for (int i = 0; i < count; i++) {
            tracker.expect(prefix + "-" + i);
        }
        long first = System.nanoTime();
        inParallel(count, i -> {
            create(namespace, prefix + "-" + i, commands.command(namespace, i));
            createdAt[i] = System.nanoTime();
        });
        long allCreated = System.nanoTime();
        for (int i = 0; i < count; i++) {
            tracker.await(prefix + "-" + i, AWAIT_SECONDS);
        }
        long last = 0;
        for (int i = 0; i < count; i++) {
            result.add(tracker, prefix + "-" + i, createdAt[i]);
            last = Math.max(last, tracker.finishedAt(prefix + "-" + i));
        }
        result.window(first, last);
        result.creationRate = count / ((allCreated - first) / 1e9);
        return result;
    }

    private interface IndexedTask {
        void run(int i) throws Exception;
    }

    /** Runs {@code task} for indexes 0 to count-1 on {@value #CREATORS} clients, each taking the next index, and waits for all. */
    private static void inParallel(int count, IndexedTask task) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CREATORS);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CREATORS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private void stopOperator() throws InterruptedException {
        if (operator != null && operator.isAlive()) {
            operator.destroy();
            operator.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Creates {@code count} commands in {@code namespace}, reads the operator's memory once all ended; returns executions/s. */
    private double populate(long pid, String namespace, int count) throws Exception {
        admin.apps().deployments().inNamespace(namespace).resource(TestWorkloads.deployment("web", 1)).create();
        try (Tracker tracker = new Tracker(admin, namespace, () -> operator.isAlive())) {
            long before = rssKiB(pid);
            ProcessCpu.Sample start = cpu.sample();
            Result result = runBatch(tracker, namespace, "p", count, this::read);
            // The operator sends Events in the background, so the work of these commands ends with their last Event:
            // the sustained rate and the CPU per command are measured until then.
            int eventsAtEnd = eventCount(namespace);
            EventsSettled settled = awaitEventsSettled(namespace, eventsAtEnd);
            String cpuPerCommand = cpu.perUnit(start, count, "command");
            double sustained = count / ((settled.lastChangeNanos() - result.firstNanos) / 1e9);
            long after = rssKiB(pid);
            summary.add(String.format(Locale.ROOT, "  %-52s %10.1f /s  (%d commands, %d not Succeeded; %.1f /s until Succeeded)",
                    count + " commands: executions/s", sustained, count, result.notSucceeded, result.perSecond())
                    + (result.notSucceeded > 0 ? ", e.g. " + result.example : ""));
            summary.add("      " + cpuPerCommand);
            summary.add(String.format(Locale.ROOT, "      Events: %d of %d when the last command Succeeded, %d in all %.1f s later", eventsAtEnd,
                    EVENTS_PER_READ * count, settled.count(), (settled.lastChangeNanos() - result.lastNanos) / 1e9));
            summary.add(String.format(Locale.ROOT, "  %-52s %10d MiB  (%d MiB before them)",
                    "operator resident memory with " + count + " commands", after / 1024, before / 1024));
            // Resident memory includes heap the JVM grew and keeps; the live objects tell what the commands hold.
            summary.add("  live heap after a full GC (jcmd GC.class_histogram), largest classes:");
            liveHistogram(pid).forEach(line -> summary.add("    " + line));
            return sustained;
        }
    }

    /**
     * The floor under the operator's throughput: the API calls a read command costs, made with no operator
     * running. Each command is created as the load generator creates them; then, with the operator's own
     * credentials, its {@value #EVENTS_PER_READ} Events are created, the read runs as the requester, and the status of a real finished
     * command is written as the operator writes it. No operator finishes commands faster than the API server,
     * on the same 2 CPUs, serves their calls. Nothing watches these commands, so if anything the floor is high.
     */
    private void apiFloor(Path operatorKubeconfig, String namespace, String readNamespace, CommandExecutionStatus succeeded,
            int count, double executionsPerSecond) throws Exception {
        String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(succeeded) + "}]";
        try (KubernetesClient operatorClient = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(operatorKubeconfig))).build()) {
            KubernetesClient asRequester = operatorClient.newClient(new RequestConfigBuilder()
                    .withImpersonateUsername(requester.user()).withImpersonateGroups(requester.groups().toArray(String[]::new)).build())
                    .adapt(KubernetesClient.class);
            ProcessCpu.Sample start = cpu.sample();
            long first = System.nanoTime();
            inParallel(count, i -> {
                CommandExecution ce = create(namespace, "floor-" + i, read(readNamespace, i));
                operatorClient.v1().events().inNamespace(namespace).resource(event(ce, "Translated")).create();
                operatorClient.v1().events().inNamespace(namespace).resource(event(ce, "Authorized")).create();
                operatorClient.v1().events().inNamespace(namespace).resource(event(ce, "Running")).create();
                if (i % 2 == 0) {
                    asRequester.apps().deployments().inNamespace(readNamespace).withName("web").get();
                } else {
                    asRequester.pods().inNamespace(readNamespace).list();
                }
                operatorClient.resources(CommandExecution.class).inNamespace(namespace).withName(ce.getMetadata().getName())
                        .subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
                operatorClient.v1().events().inNamespace(namespace).resource(event(ce, "Succeeded")).create();
            });
            double seconds = (System.nanoTime() - first) / 1e9;
            summary.add(String.format(Locale.ROOT, "  %-52s %10.1f /s  (%d commands' calls, no operator running)",
                    "API floor: a read command's API calls", count / seconds, count));
            summary.add("      " + cpu.perUnit(start, count, "command"));
            summary.add(String.format(Locale.ROOT, "  %-52s %10.2f", "executions/s with the operator / API floor", executionsPerSecond / (count / seconds)));
        }
    }

    private record EventsSettled(int count, long lastChangeNanos) {
    }

    /** Polls the Events of {@code namespace} until their number has not changed for 3 s. */
    private EventsSettled awaitEventsSettled(String namespace, int count) throws InterruptedException {
        long lastChange = System.nanoTime();
        for (int unchanged = 0; unchanged < 3; ) {
            Thread.sleep(1000);
            int now = eventCount(namespace);
            if (now == count) {
                unchanged++;
            } else {
                count = now;
                lastChange = System.nanoTime();
                unchanged = 0;
            }
        }
        return new EventsSettled(count, lastChange);
    }

    private int eventCount(String namespace) {
        return admin.v1().events().inNamespace(namespace).list().getItems().size();
    }

    private static Event event(CommandExecution ce, String reason) {
        return new EventBuilder()
                .withNewMetadata().withGenerateName(ce.getMetadata().getName() + ".").endMetadata()
                .withNewInvolvedObject().withApiVersion(ce.getApiVersion()).withKind(ce.getKind()).withName(ce.getMetadata().getName())
                .withNamespace(ce.getMetadata().getNamespace()).withUid(ce.getMetadata().getUid()).endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(reason).withCount(1)
                .withNewSource().withComponent("kubechat-operator").endSource()
                .build();
    }

    private void deleteQuietly(String namespace) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).delete();
    }

    private final class Result {
        final List<Double> millis;
        int notSucceeded;
        String example;
        long firstNanos;
        long lastNanos;
        double creationRate;

        Result(int count) {
            millis = new ArrayList<>(count);
        }

        void add(Tracker tracker, String name, long createdNanos) {
            millis.add((tracker.finishedAt(name) - createdNanos) / 1e6);
            if (tracker.phase(name) != ExecutionPhase.Succeeded) {
                notSucceeded++;
                example = name + " " + tracker.phase(name) + ": " + tracker.why(name);
            }
        }

        void window(long first, long last) {
            firstNanos = first;
            lastNanos = last;
        }

        double perSecond() {
            return millis.size() / ((lastNanos - firstNanos) / 1e9);
        }

        void report(String what, double getP50) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            double p50 = percentile(sorted, 50);
            summary.add(String.format(Locale.ROOT, "  %-52s p50 %7.1f ms  p99 %7.1f ms  p50/GET %6.1fx  %7.1f exec/s%s%s",
                    what + ": created to Succeeded", p50, percentile(sorted, 99), p50 / getP50, perSecond(),
                    creationRate > 0 ? String.format(Locale.ROOT, "  (created at %.0f/s)", creationRate) : "",
                    notSucceeded > 0 ? "  " + notSucceeded + " NOT Succeeded, e.g. " + example : ""));
        }
    }

    /** When each command was first seen in a terminal phase, from an informer's events. */
    private static final class Tracker implements AutoCloseable {
        private final Map<String, Long> finished = new ConcurrentHashMap<>();
        private final Map<String, ExecutionPhase> phases = new ConcurrentHashMap<>();
        private final Map<String, String> reasons = new ConcurrentHashMap<>();
        private final Map<String, Object> expected = new ConcurrentHashMap<>();
        private final SharedIndexInformer<CommandExecution> informer;
        private final BooleanSupplier operatorAlive;

        Tracker(KubernetesClient client, String namespace, BooleanSupplier operatorAlive) {
            this.operatorAlive = operatorAlive;
            informer = client.resources(CommandExecution.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(CommandExecution ce) {
                    seen(ce);
                }

                @Override
                public void onUpdate(CommandExecution old, CommandExecution ce) {
                    seen(ce);
                }

                @Override
                public void onDelete(CommandExecution ce, boolean unknownFinalState) {
                    // Nothing here deletes commands before they end.
                }
            });
        }

        private void seen(CommandExecution ce) {
            if (ce.getStatus() == null || ce.getStatus().phase() == null || !ce.getStatus().phase().isTerminal()) {
                return;
            }
            long now = System.nanoTime();
            String name = ce.getMetadata().getName();
            phases.putIfAbsent(name, ce.getStatus().phase());
            if (ce.getStatus().phase() != ExecutionPhase.Succeeded && ce.getStatus().conditions() != null) {
                // The summary condition says why the command ended as it did.
                ce.getStatus().conditions().stream().filter(c -> "Succeeded".equals(c.type())).findFirst()
                        .ifPresent(c -> reasons.putIfAbsent(name, c.reason() + " " + c.message()));
            }
            if (finished.putIfAbsent(name, now) == null) {
                Object lock = expected.get(name);
                if (lock != null) {
                    synchronized (lock) {
                        lock.notifyAll();
                    }
                }
            }
        }

        void expect(String name) {
            expected.put(name, new Object());
        }

        void await(String name, long seconds) throws InterruptedException {
            Object lock = expected.get(name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lock) {
                while (!finished.containsKey(name)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException("CommandExecution " + name + " did not end within " + seconds + " s");
                    }
                    if (!operatorAlive.getAsBoolean()) {
                        throw new OperatorExited(name);
                    }
                    lock.wait(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            }
        }

        long finishedAt(String name) {
            return finished.get(name);
        }

        ExecutionPhase phase(String name) {
            return phases.get(name);
        }

        String why(String name) {
            return reasons.getOrDefault(name, "no condition message");
        }

        @Override
        public void close() {
            informer.close();
        }
    }

    private static final class OperatorExited extends IllegalStateException {
        OperatorExited(String waitingFor) {
            super("the operator exited while CommandExecution " + waitingFor + " was in flight; see its log");
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Header, the ten largest classes and the total of the operator's live-object histogram (forces a full GC). */
    private static List<String> liveHistogram(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
        jcmd.waitFor();
        List<String> shown = new ArrayList<>(lines.stream().filter(l -> l.trim().matches("^(num\\s|\\d+:\\s).*")).limit(12).toList());
        lines.stream().filter(l -> l.startsWith("Total")).findFirst().ifPresent(shown::add);
        return shown;
    }

    /** Resident set of a process, from /proc (Linux). */
    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /**
     * The admin as requester: the user of its client certificate (common name), which is what the API server
     * authenticates, without its system:masters group, which the operator never acts as; run() grants the
     * user what the commands need.
     */
    private static Identity requester(KubernetesClient client) {
        try {
            String data = client.getConfiguration().getClientCertData();
            byte[] pem = data != null ? Base64.getDecoder().decode(data)
                    : Files.readAllBytes(Path.of(client.getConfiguration().getClientCertFile()));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            String user = null;
            List<String> groups = new ArrayList<>();
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    user = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O") && !rdn.getValue().toString().startsWith("system:")) {
                    groups.add(rdn.getValue().toString());
                }
            }
            if (user == null) {
                throw new IllegalStateException("the admin's client certificate has no common name");
            }
            return new Identity(user, groups);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the admin's user name from its kubeconfig", e);
        }
    }
}
