package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A conversation between a user and KubeChat. */
@Group(KubeChat.GROUP)
@Version(KubeChat.VERSION)
@ShortNames("cs")
@AdditionalPrinterColumn(name = "Owner", jsonPath = ".spec.owner.user", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Title", jsonPath = ".spec.title", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Messages", jsonPath = ".status.messageCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Last Activity", jsonPath = ".status.lastActivityTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ChatSession extends CustomResource<ChatSessionSpec, ChatSessionStatus> implements Namespaced {
    // Overridden only to describe the fields for kubectl explain; the base class cannot carry it.
    @Override
    @JsonPropertyDescription("Owner, default cluster and namespace, and retention of the conversation.")
    public ChatSessionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Message count and last activity; the messages themselves are in PostgreSQL.")
    public ChatSessionStatus getStatus() {
        return super.getStatus();
    }
}
