package io.kubechat.operator.session;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubechat.chat.ChatHistoryException;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.ChatSessionStatus;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.operator.Durations;
import io.kubechat.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps a ChatSession's counters true to its messages in PostgreSQL, and applies its retention: a
 * session idle for longer than {@code spec.retention} expires and is deleted. Deleting a session,
 * by a user or by expiry, removes the CommandExecutions it owns (ownerReferences) and its messages;
 * the audit ledger keeps every record of what they did.
 */
@ApplicationScoped
@ControllerConfiguration(name = "chatsession")
public class ChatSessionReconciler implements Reconciler<ChatSession>, Cleaner<ChatSession> {

    static final String ACTIVE = "Active";
    private static final Logger LOG = Logger.getLogger(ChatSessionReconciler.class);
    private static final Duration HISTORY_RETRY = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final ChatMessages messages;
    private final Duration refreshInterval;
    private final Clock clock = Clock.systemUTC();

    public ChatSessionReconciler(KubernetesClient client, ChatMessages messages,
            @ConfigProperty(name = "kubechat.chat-session.refresh-interval", defaultValue = "30s") Duration refreshInterval) {
        this.client = client;
        this.messages = messages;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public UpdateControl<ChatSession> reconcile(ChatSession session, Context<ChatSession> context) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        Instant now = clock.instant();
        long count;
        Instant lastActivity;
        try {
            count = messages.history().count(namespace, name);
            lastActivity = Objects.requireNonNullElse(messages.history().lastActivity(namespace, name),
                    Instant.parse(session.getMetadata().getCreationTimestamp()));
        } catch (ChatHistoryException e) {
            session.setStatus(status(session, ConditionStatus.Unknown, "HistoryUnavailable", e.getMessage(), null, now));
            return UpdateControl.patchStatus(session).rescheduleAfter(HISTORY_RETRY);
        }
        Instant expiry = expiry(session, lastActivity);
        if (!now.isBefore(expiry)) {
            LOG.infof("ChatSession %s/%s expired: no activity since %s", namespace, name, lastActivity);
            client.resource(session).delete();
            return UpdateControl.noUpdate();
        }
        ChatSessionStatus next = status(session, ConditionStatus.True, ACTIVE,
                count + " messages; expires at " + expiry.truncatedTo(ChronoUnit.SECONDS) + " unless used again", new Counters(count, lastActivity), now);
        Duration untilExpiry = Duration.between(now, expiry).plusSeconds(1);
        Duration recheck = untilExpiry.compareTo(refreshInterval) < 0 ? untilExpiry : refreshInterval;
        if (next.equals(session.getStatus())) {
            return UpdateControl.<ChatSession>noUpdate().rescheduleAfter(recheck);
        }
        session.setStatus(next);
        return UpdateControl.patchStatus(session).rescheduleAfter(recheck);
    }

    @Override
    public DeleteControl cleanup(ChatSession session, Context<ChatSession> context) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        // Only the commands the session owns, as garbage collection would: naming a session in sessionRef
        // does not put a command at the mercy of whoever creates (and lets expire) a session of that name.
        String uid = session.getMetadata().getUid();
        client.resources(CommandExecution.class).inNamespace(namespace).list().getItems().stream()
                .filter(ce -> ce.getMetadata().getOwnerReferences() != null && ce.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> uid.equals(owner.getUid())))
                .forEach(ce -> client.resource(ce).delete());
        try {
            messages.history().deleteSession(namespace, name);
        } catch (ChatHistoryException e) {
            // The messages must go with the session: keep the finalizer until PostgreSQL takes the delete.
            LOG.warnf("ChatSession %s/%s: messages not yet deleted: %s", namespace, name, e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(HISTORY_RETRY);
        }
        return DeleteControl.defaultDelete();
    }

    /** When an idle session expires: its retention after the last activity. */
    static Instant expiry(ChatSession session, Instant lastActivity) {
        String retention = session.getSpec() == null || session.getSpec().retention() == null ? "720h" : session.getSpec().retention();
        return lastActivity.plus(Durations.parse(retention));
    }

    private record Counters(long messageCount, Instant lastActivity) {
    }

    private static ChatSessionStatus status(ChatSession session, ConditionStatus active, String reason, String message, Counters counters,
            Instant now) {
        ChatSessionStatus previous = session.getStatus();
        long generation = session.getMetadata().getGeneration();
        var conditions = Conditions.set(previous == null ? null : previous.conditions(), ACTIVE, active, reason, message, generation, now);
        if (counters == null) {
            return new ChatSessionStatus(generation, conditions, previous == null ? null : previous.messageCount(),
                    previous == null ? null : previous.lastActivityTime());
        }
        return new ChatSessionStatus(generation, conditions, counters.messageCount(),
                counters.lastActivity().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
