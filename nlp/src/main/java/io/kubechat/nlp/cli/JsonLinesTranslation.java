package io.kubechat.nlp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.Translator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Reads {@code {"id", "text", "namespace"}} lines and writes
 * {@code {"id", "kubectl", "risk", "command", "explanation", "engine", "error"}} lines, one per input,
 * in order, with {@code "clarification": {"question", "choices": [{"kubectl", "command"}]}} added
 * when the translator asks instead of giving a command. A bad input line gives an output line with an error, never a stop.
 */
final class JsonLinesTranslation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Translator translator;

    JsonLinesTranslation(Translator translator) {
        this.translator = translator;
    }

    void run(BufferedReader in, PrintStream out) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            out.println(JSON.writeValueAsString(translateLine(line, number)));
        }
        out.flush();
    }

    private ObjectNode translateLine(String line, int number) {
        JsonNode input;
        try {
            input = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return output(null, null, "line " + number + " is not valid JSON");
        }
        JsonNode id = input.get("id");
        if (!input.isObject() || !input.path("text").isTextual()) {
            return output(id, null, "line " + number + " needs a \"text\" string");
        }
        String namespace = input.path("namespace").isTextual() ? input.get("namespace").asText() : "default";
        TranslationResult result = translator.translate(
                new TranslationRequest(input.get("text").asText(), namespace, null));
        return output(id, result, result.understood() ? null : describeFailure(result));
    }

    private ObjectNode output(JsonNode id, TranslationResult result, String error) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id);
        boolean understood = result != null && result.understood();
        out.put("kubectl", understood ? result.translation().kubectl() : null);
        out.put("risk", understood ? result.risk().level().name().toLowerCase(Locale.ROOT) : null);
        out.set("command", understood ? JSON.valueToTree(result.command()) : null);
        out.put("explanation", understood ? result.translation().explanation() : null);
        out.put("engine", result == null ? translator.engine() : result.translation().engine());
        out.put("error", error);
        if (result != null && result.clarification() != null) {
            out.set("clarification", JSON.valueToTree(result.clarification()));
        }
        return out;
    }

    private static String describeFailure(TranslationResult result) {
        String suggestions = result.translation() == null || result.translation().suggestions() == null
                || result.translation().suggestions().isEmpty() ? ""
                : "; closest: " + String.join("; ", result.translation().suggestions());
        return "not understood: " + result.error() + suggestions;
    }
}
