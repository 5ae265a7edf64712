package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The latest audit ledger record written for this command. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditReference(
        @Min(0)
        @JsonPropertyDescription("Sequence number of the record in the ledger.")
        Long sequence,

        @Pattern("^[0-9a-f]{64}$")
        @JsonPropertyDescription("SHA-256 of the record, hex.")
        String hash) {
}
