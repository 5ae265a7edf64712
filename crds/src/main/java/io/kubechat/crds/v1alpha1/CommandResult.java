package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A bounded, secret-redacted view of what the command returned. The full result is kept in the
 * audit ledger; {@code truncated} says when this view is shorter than it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(
        @Size(max = 1024)
        @JsonPropertyDescription("One line on the outcome, for example 'deployment.apps/checkout scaled to 5'.")
        String summary,

        @Size(max = 32)
        @JsonPropertyDescription("Column headings of a table result.")
        List<@Size(max = 128) String> columns,

        @Size(max = 500)
        @JsonPropertyDescription("Rows of a table result, cells in column order.")
        List<@Size(max = 32) List<@Size(max = 1024) String>> rows,

        @Size(max = 65536)
        @JsonPropertyDescription("Text result: logs, YAML, a description.")
        String text,

        @JsonPropertyDescription("True when rows or text were cut to fit.")
        Boolean truncated,

        @Min(0)
        @JsonPropertyDescription("Number of items before truncation.")
        Integer totalItems) {
}
