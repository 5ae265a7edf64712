package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Another cluster KubeChat can run commands against; lives in the operator's namespace. */
@Group(KubeChat.GROUP)
@Version(KubeChat.VERSION)
@ShortNames("cc")
@AdditionalPrinterColumn(name = "Display Name", jsonPath = ".spec.displayName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reachable", jsonPath = ".status.reachable", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.serverVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ClusterConnection extends CustomResource<ClusterConnectionSpec, ClusterConnectionStatus> implements Namespaced {
    // Overridden only to describe the fields for kubectl explain; the base class cannot carry it.
    @Override
    @JsonPropertyDescription("How to reach the cluster and which namespaces KubeChat may touch there.")
    public ClusterConnectionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Outcome of the last probe of the cluster.")
    public ClusterConnectionStatus getStatus() {
        return super.getStatus();
    }
}
