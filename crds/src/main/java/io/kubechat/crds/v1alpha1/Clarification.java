package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A question the translator asks instead of guessing, with the concrete commands it could mean. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Clarification(
        @Size(max = 1024)
        @JsonPropertyDescription("What the translator needs to know.")
        String question,

        @Size(max = 3)
        @JsonPropertyDescription("Up to three commands the request could mean; empty when none can be offered.")
        List<Choice> choices) {

    public Clarification {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** One command the request could mean, as a structured command and its kubectl rendering. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @Size(max = 4096)
            @JsonPropertyDescription("The choice's kubectl command line, for reading only.")
            String kubectl,

            @JsonPropertyDescription("The choice as a structured command.")
            Command command) {
    }
}
