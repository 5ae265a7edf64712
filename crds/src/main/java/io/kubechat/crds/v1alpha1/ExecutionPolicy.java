package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which commands need approval or are denied, who may approve, and what is redacted. Applies to
 * the CommandExecutions of its namespace; one in the operator's namespace applies to all.
 */
@Group(KubeChat.GROUP)
@Version(KubeChat.VERSION)
@ShortNames("ep")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ExecutionPolicy extends CustomResource<ExecutionPolicySpec, ExecutionPolicyStatus> implements Namespaced {
    // Overridden only to describe the fields for kubectl explain; the base class cannot carry it.
    @Override
    @JsonPropertyDescription("Rules for holding or denying commands, approval settings and redaction.")
    public ExecutionPolicySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the operator accepted the policy.")
    public ExecutionPolicyStatus getStatus() {
        return super.getStatus();
    }
}
