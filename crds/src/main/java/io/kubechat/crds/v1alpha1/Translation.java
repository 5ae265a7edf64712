package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** How the request was understood. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Translation(
        @JsonPropertyDescription("The structured command the request became.")
        Command command,

        @Size(max = 4096)
        @JsonPropertyDescription("The equivalent kubectl command line, for reading only; it is never run.")
        String kubectl,

        @Size(max = 1024)
        @JsonPropertyDescription("One sentence on what the command does.")
        String explanation,

        @Size(max = 63)
        @JsonPropertyDescription("Which translator produced it: embedded, openai, ollama, ... or user for spec.command.")
        String engine,

        @Min(0) @Max(1)
        @JsonPropertyDescription("The translator's confidence, 0 to 1.")
        Double confidence,

        @Size(max = 10)
        @JsonPropertyDescription("Closest requests it does understand, when it did not understand this one.")
        List<@Size(max = 512) String> suggestions,

        @JsonPropertyDescription("The question asked instead of a command when the request was unclear or matched several objects.")
        Clarification clarification) {

    public Translation(Command command, String kubectl, String explanation, String engine, Double confidence,
                       List<String> suggestions) {
        this(command, kubectl, explanation, engine, confidence, suggestions, null);
    }
}
