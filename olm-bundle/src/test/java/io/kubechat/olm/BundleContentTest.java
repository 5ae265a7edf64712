package io.kubechat.olm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operator-sdk does not check: descriptor paths exist in the CRDs, and every KubeChat kind has an example. */
class BundleContentTest {

    private static JsonNode csv() throws IOException {
        return BundleGenerator.YAML.readTree(Bundle.dir().resolve("manifests/kubechat.clusterserviceversion.yaml").toFile());
    }

    @Test
    void everyDescriptorNamesAFieldOfItsCrd() throws IOException {
        for (JsonNode owned : csv().path("spec").path("customresourcedefinitions").path("owned")) {
            Path crdFile = Bundle.dir().resolve("manifests/" + owned.path("name").asText() + ".crd.yaml");
            JsonNode schema = BundleGenerator.YAML.readTree(crdFile.toFile()).path("spec").path("versions").get(0)
                    .path("schema").path("openAPIV3Schema").path("properties");
            for (String part : List.of("spec", "status")) {
                JsonNode descriptors = owned.path(part + "Descriptors");
                assertThat(descriptors).as("%s %sDescriptors", owned.path("kind").asText(), part).isNotEmpty();
                for (JsonNode descriptor : descriptors) {
                    JsonNode field = schema.path(part);
                    for (String step : descriptor.path("path").asText().split("\\.")) {
                        field = field.path("properties").path(step);
                    }
                    assertThat(field.isMissingNode()).as("%s.%s of %s", part, descriptor.path("path").asText(), owned.path("kind").asText()).isFalse();
                }
            }
        }
    }

    @Test
    void almExamplesCoverEveryOwnedKind() throws IOException {
        JsonNode csv = csv();
        JsonNode examples = BundleGenerator.YAML.readTree(csv.path("metadata").path("annotations").path("alm-examples").asText());
        List<String> kinds = new ArrayList<>();
        examples.forEach(e -> kinds.add(e.path("kind").asText()));
        List<String> owned = new ArrayList<>();
        csv.path("spec").path("customresourcedefinitions").path("owned").forEach(o -> owned.add(o.path("kind").asText()));
        assertThat(kinds).containsAll(owned);
    }

    @Test
    void installsWithTheChartsRulesAndRequestedResources() throws IOException {
        JsonNode strategy = csv().path("spec").path("install").path("spec");
        JsonNode operatorRules = strategy.path("clusterPermissions").get(0).path("rules");
        // The chart's rules, and those to install the identity admission policies, which OLM cannot ship.
        com.fasterxml.jackson.databind.node.ArrayNode expected = (com.fasterxml.jackson.databind.node.ArrayNode) BundleGenerator.YAML.readTree(
                PinnedTools.repoRoot().resolve("helm/kubechat/files/rbac/operator-cluster.yaml").toFile());
        expected.addAll((com.fasterxml.jackson.databind.node.ArrayNode) BundleGenerator.YAML.readTree(
                PinnedTools.repoRoot().resolve("helm/kubechat/files/rbac/operator-installs-admission-cluster.yaml").toFile()));
        assertThat(operatorRules).isEqualTo(expected);
        JsonNode operatorEnv = strategy.path("deployments").get(0).path("spec").path("template").path("spec").path("containers").get(0).path("env");
        assertThat(operatorEnv.toString()).contains("{\"name\":\"KUBECHAT_ADMISSION_INSTALL\",\"value\":\"true\"}");
        for (JsonNode deployment : strategy.path("deployments")) {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("resources").path("requests").path("memory").asText()).as(deployment.path("name").asText()).isNotEmpty();
            assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        }
        assertThat(Files.readString(Bundle.dir().resolve("metadata/annotations.yaml")))
                .contains("operators.operatorframework.io.bundle.package.v1: kubechat");
    }
}
