package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One request to operate the cluster, from words or a structured command, and its outcome. */
@Group(KubeChat.GROUP)
@Version(KubeChat.VERSION)
@ShortNames("ce")
@AdditionalPrinterColumn(name = "Request", jsonPath = ".spec.request", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Verb", jsonPath = ".status.translation.command.verb", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Risk", jsonPath = ".status.risk.level", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required", reason = "FieldValueRequired")
public class CommandExecution extends CustomResource<CommandExecutionSpec, CommandExecutionStatus> implements Namespaced {
    // Overridden only to describe the fields for kubectl explain; the base class cannot carry it.
    @Override
    @JsonPropertyDescription("What was asked, by whom, and the approval decision if one is needed.")
    public CommandExecutionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator has done with the request: translation, risk, authorization, result, audit reference.")
    public CommandExecutionStatus getStatus() {
        return super.getStatus();
    }
}
