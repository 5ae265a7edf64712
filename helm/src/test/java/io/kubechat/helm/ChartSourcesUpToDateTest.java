package io.kubechat.helm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chart carries copies of files other modules own, because Helm reads only what is inside the
 * chart; these must stay identical to their sources. {@code make crds} refreshes them.
 */
class ChartSourcesUpToDateTest {

    private static final Path REPO = PinnedTools.repoRoot();

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameFiles(Path source, Path copy) throws IOException {
        assertThat(names(copy)).as("files in %s; run `make crds`", REPO.relativize(copy)).isEqualTo(names(source));
        for (String name : names(source)) {
            assertThat(Files.readString(copy.resolve(name)))
                    .as("%s is stale: it differs from %s; run `make crds`", REPO.relativize(copy.resolve(name)), REPO.relativize(source.resolve(name)))
                    .isEqualTo(Files.readString(source.resolve(name)));
        }
    }

    @Test
    void chartCrdsAreTheGeneratedCrds() throws IOException {
        assertSameFiles(REPO.resolve("crds/generated"), Tools.chartDir().resolve("crds"));
    }

    @Test
    void chartAdmissionPoliciesAreTheCrdModulesPolicies() throws IOException {
        assertSameFiles(REPO.resolve("crds/admission"), Tools.chartDir().resolve("files/admission"));
    }

    /**
     * The gateway's engineers declare what their code calls in gateway/src/main/kubernetes/rbac.yaml,
     * for namespaces kubechat-system (the release's) and kubechat-sessions; the chart's rule files must grant the same.
     */
    @Test
    void gatewayRulesAreTheOnesTheGatewayDeclares() throws IOException {
        Path declared = REPO.resolve("gateway/src/main/kubernetes/rbac.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(declared), "gateway/src/main/kubernetes/rbac.yaml does not exist yet");
        Set<String> fromGateway = new TreeSet<>();
        for (JsonNode object : Rendered.parse(Files.readString(declared)).objects()) {
            String kind = object.path("kind").asText();
            if (kind.equals("ClusterRole")) {
                fromGateway.addAll(RbacRules.permissions("cluster", object.path("rules")));
            } else if (kind.equals("Role")) {
                String scope = switch (object.path("metadata").path("namespace").asText()) {
                    case "kubechat-system" -> "release namespace";
                    case "kubechat-sessions" -> "sessions namespace";
                    default -> throw new AssertionError("a gateway Role in an unexpected namespace: " + object);
                };
                fromGateway.addAll(RbacRules.permissions(scope, object.path("rules")));
            }
        }
        Path rules = Tools.chartDir().resolve("files/rbac");
        Set<String> fromChart = new TreeSet<>();
        fromChart.addAll(RbacRules.permissions("cluster", RbacRules.read(rules.resolve("gateway-cluster.yaml"))));
        fromChart.addAll(RbacRules.permissions("release namespace", RbacRules.read(rules.resolve("gateway-namespace.yaml"))));
        fromChart.addAll(RbacRules.permissions("sessions namespace", RbacRules.read(rules.resolve("gateway-sessions.yaml"))));
        assertThat(fromChart).as("helm/kubechat/files/rbac/gateway-*.yaml against gateway/src/main/kubernetes/rbac.yaml").isEqualTo(fromGateway);
    }

    /** The operator's tests and demo run it with operator/src/main/kubernetes/rbac.yaml; the chart must grant the same. */
    @Test
    void operatorRulesAreTheOnesTheOperatorRunsWithInItsTests() throws IOException {
        Set<String> fromOperator = new TreeSet<>();
        for (JsonNode object : Rendered.parse(Files.readString(REPO.resolve("operator/src/main/kubernetes/rbac.yaml"))).objects()) {
            switch (object.path("kind").asText()) {
                case "ClusterRole" -> fromOperator.addAll(RbacRules.permissions("cluster", object.path("rules")));
                case "Role" -> fromOperator.addAll(RbacRules.permissions("release namespace", object.path("rules")));
                default -> {
                }
            }
        }
        Path rules = Tools.chartDir().resolve("files/rbac");
        Set<String> fromChart = new TreeSet<>();
        fromChart.addAll(RbacRules.permissions("cluster", RbacRules.read(rules.resolve("operator-cluster.yaml"))));
        fromChart.addAll(RbacRules.permissions("release namespace", RbacRules.read(rules.resolve("operator-namespace.yaml"))));
        assertThat(fromChart).as("helm/kubechat/files/rbac/operator-*.yaml against operator/src/main/kubernetes/rbac.yaml")
                .isEqualTo(fromOperator);
    }
}
