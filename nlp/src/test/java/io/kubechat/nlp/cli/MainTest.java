package io.kubechat.nlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void translatesJsonLinesInOrderWithTheDocumentedFields() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, """
                {"id": "1", "text": "show me the pods in shop", "namespace": "default"}
                {"id": "2", "text": "delete pod web-1", "namespace": "shop"}
                {"id": "3", "text": "frobnicate the wibble", "namespace": "default"}
                not json
                {"id": 5, "namespace": "default"}
                """);
        assertThat(run("translate", "--jsonl", input.toString())).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(5);
        JsonNode first = lines.get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("id", "kubectl", "risk", "command", "explanation", "engine", "error");
        assertThat(first.get("kubectl").asText()).isEqualTo("kubectl get pods -n shop");
        assertThat(first.get("risk").asText()).isEqualTo("safe");
        assertThat(first.get("command").get("verb").asText()).isEqualTo("get");
        assertThat(first.get("command").get("resource").get("kind").asText()).isEqualTo("Pod");
        assertThat(first.get("engine").asText()).isEqualTo("embedded");
        assertThat(first.get("error").isNull()).isTrue();

        assertThat(lines.get(1).get("risk").asText()).isEqualTo("destructive");
        assertThat(lines.get(1).get("kubectl").asText()).isEqualTo("kubectl delete pod web-1");

        JsonNode unknown = lines.get(2);
        assertThat(unknown.get("kubectl").isNull()).isTrue();
        assertThat(unknown.get("risk").isNull()).isTrue();
        assertThat(unknown.get("command").isNull()).isTrue();
        assertThat(unknown.get("error").asText()).startsWith("not understood");

        assertThat(lines.get(3).get("id").isNull()).isTrue();
        assertThat(lines.get(3).get("error").asText()).contains("not valid JSON");
        assertThat(lines.get(4).get("id").asInt()).isEqualTo(5);
        assertThat(lines.get(4).get("error").asText()).contains("text");
    }

    @Test
    void evalPrintsAccuracyOverallAndByOperation() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, """
                show me the pods => kubectl get pods | safe
                delete pod web-1 => kubectl delete pod web-1 | destructive
                scale api to 3 => kubectl scale deployment api --replicas=3 | caution
                """);
        assertThat(run("eval", "--corpus", corpus.toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("exact command match: 100.0%", "risk match: 100.0%",
                "destructive rated destructive: 1/1", "get pod", "delete pod", "scale deployment");
    }

    @Test
    void evalFailsWhenStrictAndADestructiveRequestIsNotRatedDestructive() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "frobnicate the wibble => kubectl delete pod x | destructive\n");
        assertThat(run("eval", "--corpus", corpus.toString())).isZero();
        assertThat(run("eval", "--corpus", corpus.toString(), "--verbose", "--strict")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("destructive rated destructive: 0/1", "mismatches");
    }

    @Test
    void withObjectsNamesAreGroundedAndAnAmbiguousNameGivesAClarificationWithChoices() throws Exception {
        Path objects = dir.resolve("objects.tsv");
        Files.writeString(objects, "-\tnamespace\tshop\n-\tnamespace\tstaging\nshop\tdeployment\tfrontend\n"
                + "staging\tdeployment\tfrontend\nshop\tdeployment\tcheckout\n");
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\": \"1\", \"text\": \"show logs of checkout\", \"namespace\": \"default\"}\n"
                + "{\"id\": \"2\", \"text\": \"restart frontend\", \"namespace\": \"default\"}\n");
        assertThat(run("translate", "--jsonl", input.toString(), "--objects", objects.toString())).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("kubectl").asText()).isEqualTo("kubectl logs deployment/checkout -n shop");
        assertThat(lines.get(0).has("clarification")).isFalse();
        JsonNode asked = lines.get(1);
        assertThat(asked.get("command").isNull()).isTrue();
        JsonNode clarification = asked.get("clarification");
        assertThat(clarification.get("question").asText()).contains("frontend");
        assertThat(clarification.get("choices")).hasSize(2);
        assertThat(clarification.get("choices").get(0).get("kubectl").asText())
                .startsWith("kubectl rollout restart deployment frontend -n ");
        assertThat(clarification.get("choices").get(0).get("command").get("verb").asText()).isEqualTo("rollout-restart");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("translate")).isEqualTo(2);
        assertThat(run("frob")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }
}
