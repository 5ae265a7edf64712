package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Whether the operator accepted the policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionPolicyStatus(
        @Min(0) Long observedGeneration,
        @Size(max = 16) List<Condition> conditions) {
}
