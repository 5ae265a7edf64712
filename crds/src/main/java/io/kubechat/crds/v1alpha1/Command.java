package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A structured command: what the translator produces from words and what a user may write
 * directly. Risk is rated and access checked from this structure alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.verb in ['version', 'cluster-info', 'api-resources'] || has(self.resource)",
        message = "command.resource is required for this verb", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.namespace) || !has(self.allNamespaces) || !self.allNamespaces",
        message = "command.namespace and command.allNamespaces are mutually exclusive")
@ValidationRule(value = "self.verb != 'scale' || (has(self.arguments) && has(self.arguments.replicas))",
        message = "scale needs command.arguments.replicas", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'set-image' || (has(self.arguments) && has(self.arguments.images))",
        message = "set-image needs command.arguments.images", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'set-env' || (has(self.arguments) && (has(self.arguments.env)"
        + " || has(self.arguments.removeEnv) || has(self.arguments.envFrom)))",
        message = "set-env needs command.arguments.env, removeEnv or envFrom", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'set-resources' || (has(self.arguments) && (has(self.arguments.requests)"
        + " || has(self.arguments.limits)))",
        message = "set-resources needs command.arguments.requests or limits", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'set-serviceaccount' || (has(self.arguments) && has(self.arguments.serviceAccount))",
        message = "set-serviceaccount needs command.arguments.serviceAccount", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'apply' || has(self.manifest)",
        message = "apply needs command.manifest", reason = "FieldValueRequired")
@ValidationRule(value = "self.verb != 'delete' || has(self.name) || has(self.selector)"
        + " || (has(self.arguments) && has(self.arguments.all) && self.arguments.all)",
        message = "delete needs command.name, command.selector or command.arguments.all: true",
        reason = "FieldValueRequired")
@ValidationRule(value = "!(self.verb in ['cordon', 'uncordon', 'drain', 'taint']) || (has(self.resource) && self.resource.kind == 'Node')",
        message = "cordon, uncordon, drain and taint act on kind Node only")
public record Command(
        @Required
        @JsonPropertyDescription("What to do, named after the kubectl command: get, describe, logs, scale, delete, ...")
        Verb verb,

        @JsonPropertyDescription("The kind of object acted on.")
        ResourceType resource,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$")
        @JsonPropertyDescription("Name of the object; all matching objects when omitted.")
        String name,

        @Size(max = 63)
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        @JsonPropertyDescription("Namespace of the object; the session's default when omitted.")
        String namespace,

        @JsonPropertyDescription("Across all namespaces (kubectl -A).")
        Boolean allNamespaces,

        @JsonPropertyDescription("Label and field selectors.")
        Selector selector,

        @JsonPropertyDescription("Typed options of the verb.")
        CommandArguments arguments,

        @PreserveUnknownFields
        @SchemaFrom(type = ManifestSchema.class)
        @JsonPropertyDescription("Object to create or apply (server-side apply), as a Kubernetes manifest.")
        Object manifest) {
}
