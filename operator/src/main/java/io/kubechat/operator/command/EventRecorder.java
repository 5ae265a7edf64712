package io.kubechat.operator.command;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Emits Kubernetes Events on the resource, so kubectl describe and event tooling show each step. */
public final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "kubechat-operator";

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata().withGenerateName(object.getMetadata().getName() + ".").withNamespace(object.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(object.getApiVersion()).withKind(object.getKind()).withName(object.getMetadata().getName())
                .withNamespace(object.getMetadata().getNamespace()).withUid(object.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message == null ? "" : message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // Events are a convenience; the status and the audit ledger are the record.
            LOG.debugf("event %s on %s not recorded: %s", reason, object.getMetadata().getName(), e.getMessage());
        }
    }
}
