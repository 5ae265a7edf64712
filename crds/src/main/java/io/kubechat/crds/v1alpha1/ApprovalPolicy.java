package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Who may approve and for how long a held command waits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalPolicy(
        @Default("true")
        @JsonPropertyDescription("The approver must be someone other than the requester.")
        Boolean requireDistinctApprover,

        @Default("1h")
        @Pattern("^([0-9]+(s|m|h))+$")
        @JsonPropertyDescription("A pending approval expires after this long, for example 1h.")
        String expireAfter,

        @Size(max = 64)
        @JsonPropertyDescription("Only members of these groups may approve, in addition to RBAC's approve permission.")
        List<@Size(max = 256) String> approverGroups) {
}
