package io.kubechat.helm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.testsupport.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helm template | kubeconform -strict}, offline: the schemas come from the pinned Kubernetes
 * release's OpenAPI document and from crds/generated (see {@link KubeconformSchemas}); nothing is fetched.
 */
class ChartKubeconformTest {

    @TempDir
    static Path work;
    private static Path schemas;

    @BeforeAll
    static void writeSchemas() throws IOException {
        schemas = work.resolve("schemas");
        int count = KubeconformSchemas.write(PinnedTools.binDir().resolve("kubernetes-openapi/swagger.json"),
                PinnedTools.repoRoot().resolve("crds/generated"), schemas);
        assertThat(count).as("schemas written").isGreaterThan(100);
    }

    private static ProcessResult kubeconform(String manifests, String... extra) throws IOException {
        Path file = Files.createTempFile(work, "rendered", ".yaml");
        Files.writeString(file, manifests, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("-strict", "-summary", "-output", "text",
                "-schema-location", schemas + "/" + KubeconformSchemas.LOCATION));
        args.addAll(List.of(extra));
        args.add(file.toString());
        return Tools.run("kubeconform", args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyRenderedObjectMatchesItsSchema(String valuesFile) throws IOException {
        String manifests = Tools.runOk("helm", List.of("template", "kc", Tools.chartDir().toString(), "--namespace", "kubechat-system",
                "--kube-version", Rendered.KUBE_VERSION, "--include-crds", "--values", Rendered.valuesFile(valuesFile).toString(),
                "--set", "postgresql.external.password=x"));
        ProcessResult result = kubeconform(manifests);
        assertThat(result.exitCode()).as("kubeconform:\n%s\n%s", result.stdout(), result.stderr()).isZero();
        assertThat(result.stdout()).contains("Invalid: 0, Errors: 0, Skipped: 0").doesNotContain("Valid: 0,");
    }

    @Test
    void theKubeChatExamplesMatchTheCrdSchemas() throws IOException {
        StringBuilder examples = new StringBuilder();
        try (var files = Files.list(PinnedTools.repoRoot().resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                examples.append("---\n").append(Files.readString(file)).append('\n');
            }
        }
        ProcessResult result = kubeconform(examples.toString());
        assertThat(result.exitCode()).as("kubeconform:\n%s\n%s", result.stdout(), result.stderr()).isZero();
        assertThat(result.stdout()).contains("Invalid: 0, Errors: 0, Skipped: 0");
    }

    /** The check above means something only if a wrong object fails it. */
    @Test
    void aMisspeltFieldOrAWrongTypeFails() throws IOException {
        ProcessResult misspelt = kubeconform("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          securityContxt: {runAsNonRoot: true}
                """);
        assertThat(misspelt.exitCode()).isNotZero();
        assertThat(misspelt.stdout()).contains("securityContxt");
        ProcessResult wrongType = kubeconform("""
                apiVersion: kubechat.io/v1alpha1
                kind: CommandExecution
                metadata: {name: x}
                spec:
                  request: list pods
                  requester: {user: alice, groups: admins}
                """);
        assertThat(wrongType.exitCode()).isNotZero();
        assertThat(wrongType.stdout()).contains("groups");
        ProcessResult unknownKind = kubeconform("""
                apiVersion: example.com/v1
                kind: Unknown
                metadata: {name: x}
                """);
        assertThat(unknownKind.exitCode()).as("a kind without schema is an error, not a pass").isNotZero();
    }
}
