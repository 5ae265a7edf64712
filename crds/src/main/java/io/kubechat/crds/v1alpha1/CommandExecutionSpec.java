package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What was asked, by whom, and the approval decision if one is needed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.request) || has(self.command)",
        message = "spec.request or spec.command is required", reason = "FieldValueRequired")
@ValidationRule(value = "!(has(self.request) && has(self.command))",
        message = "spec.request and spec.command are mutually exclusive: the words shown must be the command that runs")
@ValidationRule(value = "!has(self.command) || !has(self.command.resource)"
        + " || !(self.command.resource.kind.lowerAscii() in ['secret', 'secrets'])"
        + " || !(has(self.command.manifest) || has(self.command.arguments)"
        + " && (has(self.command.arguments.patch) || has(self.command.arguments.data)))",
        message = "a Secret's values cannot be written through a CommandExecution, whose spec everyone who reads commands sees;"
                + " create or change the Secret with kubectl or your secret manager")
@ValidationRule(value = "!has(self.command) || !has(self.command.manifest) || !has(self.command.manifest.kind)"
        + " || !(self.command.manifest.kind.lowerAscii() in ['secret', 'list'])",
        message = "the manifest is a Secret or a List: a Secret's values cannot be stored in a CommandExecution, and a manifest holds one object")
@ValidationRule(value = "has(self.request) == has(oldSelf.request) && (!has(self.request) || self.request == oldSelf.request)",
        message = "spec.request is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.command) == has(oldSelf.command) && (!has(self.command) || self.command == oldSelf.command)",
        message = "spec.command is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.sessionRef) == has(oldSelf.sessionRef) && (!has(self.sessionRef) || self.sessionRef == oldSelf.sessionRef)",
        message = "spec.sessionRef is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.cluster) == has(oldSelf.cluster) && (!has(self.cluster) || self.cluster == oldSelf.cluster)",
        message = "spec.cluster is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.requester) == has(oldSelf.requester) && (!has(self.requester) || self.requester == oldSelf.requester)",
        message = "spec.requester is immutable", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(oldSelf.approval) || (has(self.approval) && self.approval == oldSelf.approval)",
        message = "spec.approval is final once given", reason = "FieldValueForbidden")
public record CommandExecutionSpec(
        @Size(min = 1, max = 2000)
        @JsonPropertyDescription("The request in the user's own words, for example 'scale checkout in shop to 5'.")
        String request,

        @JsonPropertyDescription("The structured command; translated from request when omitted.")
        Command command,

        @JsonPropertyDescription("The ChatSession this command belongs to.")
        LocalReference sessionRef,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @JsonPropertyDescription("Name of the ClusterConnection to run against; the local cluster when omitted.")
        String cluster,

        @JsonPropertyDescription("On whose behalf the command runs; set from the authenticated user at admission.")
        Identity requester,

        @JsonPropertyDescription("The approval decision, for commands that await one.")
        Approval approval) {
}
