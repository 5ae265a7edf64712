package io.kubechat.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.testsupport.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The diagnosis scenarios of diagnosis/src/test/scenarios, one folder each, on the local control plane:
 * each scenario.yaml names its target and the expected top cause (or healthy), then the real manifests
 * that break it. The scheduler, quota admission and controllers fail them for real; kwok's stage in
 * hack/kwok reports the container states a kubelet would. Diagnosed as alice, who may only view.
 * Prints the top-1 accuracy and the false alarms, and writes them to target/diagnosis-scenarios.txt.
 */
class DiagnosisScenariosIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Identity ALICE = new Identity("alice", List.of(LocalCluster.TEST_USERS_GROUP));
    private static final long WAIT_SECONDS = 90;

    private static LocalCluster cluster;
    private static final Map<String, String> namespaces = new ConcurrentHashMap<>();
    private static final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final CommandExecutor executor = new CommandExecutor(ResultLimits.STATUS, 10, Clock.systemUTC());

    /** Every scenario is created first, so the cluster fails them all at once while they are checked one by one. */
    @BeforeAll
    static void createScenarios() {
        cluster = LocalCluster.shared();
        for (Path folder : folders()) {
            String namespace = cluster.createNamespace("dx");
            cluster.bind(namespace, "alice", "ClusterRole", "view");
            for (String manifest : documents(folder).subList(1, documents(folder).size())) {
                HasMetadata object = Serialization.unmarshal(manifest);
                cluster.admin().resource(object).inNamespace(namespace).create();
            }
            namespaces.put(folder.getFileName().toString(), namespace);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachScenarioGivesItsTopCause() {
        return folders().stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    @AfterAll
    static void report() throws IOException {
        long broken = outcomes.values().stream().filter(o -> !o.startsWith("healthy")).count();
        long right = outcomes.values().stream().filter(o -> o.endsWith(":right")).count();
        long falseAlarms = outcomes.values().stream().filter(o -> o.equals("healthy:wrong")).count();
        long brokenRight = outcomes.values().stream().filter(o -> o.equals("broken:right")).count();
        String line = "diagnosis scenarios: top-1 " + brokenRight + "/" + broken + " broken, false alarms "
                + falseAlarms + "/" + (outcomes.size() - broken) + " healthy (" + right + "/" + outcomes.size() + " right)";
        System.out.println(line);
        Path report = cluster.repoRoot().resolve("operator/target/diagnosis-scenarios.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, line + "\n");
        // failing workloads and pending claims must not outlive the scenarios: a claim left pending would bind
        // the volume a later test offers its own
        namespaces.values().forEach(namespace -> cluster.admin().namespaces().withName(namespace).delete());
    }

    private void check(Path folder) throws IOException {
        Map<?, ?> expected = YAML.readValue(documents(folder).get(0), Map.class);
        String namespace = namespaces.get(folder.getFileName().toString());
        String[] target = ((String) expected.get("target")).split("/", 2);
        String name = ".".equals(target[1]) ? namespace : target[1];
        String cause = (String) expected.get("cause");
        boolean healthy = "healthy".equals(cause);
        @SuppressWarnings("unchecked")
        List<String> mentions = expected.get("mentions") == null ? List.of() : (List<String>) expected.get("mentions");

        KindResolver kinds = new KindResolver(cluster.admin());
        ResourceKind kind = kinds.resolve(new ResourceType(target[0], null)).orElseThrow();
        Command command = new Command(Verb.DIAGNOSE, new ResourceType(kind.kind(), null), name, null, null, null, null, null);
        KubernetesClient alice = new RequesterClients(cluster.admin()).as(ALICE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        CommandResult result = executor.execute(alice, command, kind, kind.namespaced() ? namespace : null);
        while (!shows(result, cause, mentions) && System.nanoTime() < deadline) {
            sleep();
            result = executor.execute(alice, command, kind, kind.namespaced() ? namespace : null);
        }
        boolean right = shows(result, cause, mentions);
        outcomes.put(folder.getFileName().toString(), (healthy ? "healthy" : "broken") + (right ? ":right" : ":wrong"));
        assertThat(topCause(result)).as(folder.getFileName() + ": " + result.summary()).isEqualTo(cause);
        String said = result.summary() + "\n" + (result.text() == null ? "" : result.text());
        mentions.forEach(mention -> assertThat(said).as(folder.getFileName().toString()).contains(mention));
    }

    private static boolean shows(CommandResult result, String cause, List<String> mentions) {
        String said = result.summary() + "\n" + (result.text() == null ? "" : result.text());
        return cause.equals(topCause(result)) && mentions.stream().allMatch(said::contains);
    }

    private static String topCause(CommandResult result) {
        if (result.rows() == null || result.rows().isEmpty()) {
            return result.summary().contains("healthy") ? "healthy" : result.summary();
        }
        return result.rows().get(0).get(0);
    }

    private static List<Path> folders() {
        Path root = LocalCluster.shared().repoRoot().resolve("diagnosis/src/test/scenarios");
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expectation, then each manifest. */
    private static List<String> documents(Path folder) {
        try {
            List<String> documents = new ArrayList<>();
            for (String document : Files.readString(folder.resolve("scenario.yaml")).split("(?m)^---\\s*$")) {
                if (!document.isBlank()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
