package io.kubechat.operator.command;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Emits Kubernetes Events on the resource, so kubectl describe and event tooling show each step.
 * They are sent in the background, because waiting for each one took a third of a command's time.
 * When the backlog is full, the reconcile that records an Event sends it itself: a busy operator
 * slows to the pace the API server takes Events at, instead of dropping them (dropping the oldest,
 * as client-go's recorder does, lost more than half the Events of a 10,000-command burst).
 * Events the API server refuses are counted ({@code kubechat_events_failed_total}).
 */
public final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "kubechat-operator";
    private static final int SENDERS = 4;
    private static final int BACKLOG = 1_000;

    private final KubernetesClient client;
    private final Clock clock;
    private final Runnable failed;
    private final ExecutorService sender;

    /** @param failed called for each Event the API server did not take */
    public EventRecorder(KubernetesClient client, Clock clock, Runnable failed) {
        this(client, clock, failed, SENDERS, BACKLOG);
    }

    EventRecorder(KubernetesClient client, Clock clock, Runnable failed, int senders, int backlog) {
        this.client = client;
        this.clock = clock;
        this.failed = failed;
        this.sender = new ThreadPoolExecutor(senders, senders, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(backlog), EventRecorder::daemon,
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "event-sender");
        thread.setDaemon(true);
        return thread;
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
        sender.execute(() -> {
            try {
                client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
            } catch (KubernetesClientException e) {
                failed.run();
                LOG.debugf("event %s on %s not recorded: %s", reason, object.getMetadata().getName(), e.getMessage());
            }
        });
    }
}
