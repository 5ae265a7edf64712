package io.kubechat.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Argo CD files agree with each other and with the repository layout. */
class ArgoCdManifestsTest {

    @Test
    void theArgocdCmSnippetCarriesTheHealthScriptVerbatim() throws IOException {
        Map<String, Object> configMap = Serialization.unmarshal(Files.readString(Path.of("argocd", "argocd-cm.yaml")), Map.class);

        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) configMap.get("data");
        assertThat(data).containsOnlyKeys("resource.customizations.health.kubechat.io_CommandExecution");
        assertThat(data.get("resource.customizations.health.kubechat.io_CommandExecution"))
                .isEqualTo(Files.readString(ArgoHealthCheck.SCRIPT, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicationSyncsTheCommandsFolderServerSideWithoutPruning() throws IOException {
        GenericKubernetesResource application = Serialization.unmarshal(Files.readString(Path.of("argocd", "application.yaml")),
                GenericKubernetesResource.class);

        assertThat(application.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(application.getKind()).isEqualTo("Application");
        Map<String, Object> spec = (Map<String, Object>) application.getAdditionalProperties().get("spec");
        Map<String, Object> source = (Map<String, Object>) spec.get("source");
        assertThat(Path.of("..").resolve((String) source.get("path"))).isDirectory().isEqualTo(Path.of("..", "gitops", "commands"));
        Map<String, Object> syncPolicy = (Map<String, Object>) spec.get("syncPolicy");
        assertThat((List<String>) syncPolicy.get("syncOptions")).contains("ServerSideApply=true");
        assertThat(((Map<String, Object>) syncPolicy.get("automated")).get("prune")).isEqualTo(false);
    }

    @Test
    void everyFileInTheCommandsFolderIsACommandExecutionRequestedByArgoCd() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("commands"))) {
            files = listed.filter(f -> f.toString().endsWith(".yaml")).toList();
        }

        assertThat(files).isNotEmpty();
        for (Path file : files) {
            CommandExecution ce = Serialization.unmarshal(Files.readString(file), CommandExecution.class);
            assertThat(ce.getMetadata().getName()).as(file.toString()).isNotBlank();
            assertThat(ce.getMetadata().getNamespace()).as("the Application's destination sets the namespace").isNull();
            assertThat(ce.getSpec().requester().user()).isEqualTo("system:serviceaccount:argocd:argocd-application-controller");
        }
    }
}
