package io.kubechat.nlp.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.nlp.command.CommandValidator;
import java.util.List;

/**
 * A model's reply read strictly: one JSON object whose "command" maps onto the command schema with
 * no unknown fields and passes {@link CommandValidator}. Anything else is rejected with the reason.
 * Fields a model adds beside "command" (a risk, an explanation) are ignored: those are computed.
 */
record ModelReply(Command command, String rejection) {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static ModelReply read(String text, CommandValidator validator) {
        if (text == null || text.isBlank()) {
            return rejected("the reply was empty");
        }
        JsonNode reply;
        try {
            reply = STRICT.readTree(stripFence(text.strip()));
        } catch (JsonProcessingException e) {
            return rejected("the reply was not JSON");
        }
        if (reply == null || !reply.isObject() || !reply.has("command")) {
            return rejected("the reply had no \"command\"");
        }
        if (reply.get("command").isNull()) {
            return rejected("the model did not understand the request");
        }
        Command command;
        try {
            command = STRICT.treeToValue(reply.get("command"), Command.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return rejected("the command did not match the schema");
        }
        List<String> problems = validator.problems(command);
        return problems.isEmpty() ? new ModelReply(command, null)
                : rejected("the command was invalid: " + String.join("; ", problems));
    }

    /** Some models wrap JSON in a Markdown code fence even when asked not to. */
    private static String stripFence(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            String inner = text.substring(3, text.length() - 3);
            return inner.startsWith("json") ? inner.substring(4) : inner;
        }
        return text;
    }

    private static ModelReply rejected(String reason) {
        return new ModelReply(null, reason);
    }
}
