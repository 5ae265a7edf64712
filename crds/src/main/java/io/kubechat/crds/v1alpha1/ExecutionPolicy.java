package io.kubechat.crds.v1alpha1;

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
}
