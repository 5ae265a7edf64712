package io.kubechat.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.api.Dtos;
import io.kubechat.gateway.auth.SessionStore;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.CommandReader;
import io.kubechat.gateway.kube.Conversations;
import io.kubechat.gateway.kube.KubeAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Feeds every open session stream from a watch on the CommandExecutions of the sessions namespace. Each replica
 * runs its own informer, so a browser connected to any replica sees every change, whoever caused it. A second
 * watch, on the ChatSessions, closes the streams of people a session is no longer shared with, or that is deleted.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    /** Sent when the session is deleted or no longer shared with the stream's user; reconnecting is refused. */
    static final CloseReason GONE = new CloseReason(4403, "the session is no longer available to you");
    /** Sent when the sign-in the stream was opened with has ended (signed out, new password or roles, account deleted). */
    static final CloseReason SIGNED_OUT = new CloseReason(4401, "signed out");

    private final Map<String, Set<WebSocketConnection>> bySession = new ConcurrentHashMap<>();
    private final KubeAccess kube;
    private final Conversations conversations;
    private final CommandReader reader;
    private final SessionStore signIns;
    private final ObjectMapper json;
    private final AtomicLong sent = new AtomicLong();
    private SharedIndexInformer<CommandExecution> informer;
    private SharedIndexInformer<ChatSession> sessionInformer;

    public StreamHub(KubeAccess kube, Conversations conversations, CommandReader reader, SessionStore signIns, ObjectMapper json,
            MeterRegistry registry) {
        this.kube = kube;
        this.conversations = conversations;
        this.reader = reader;
        this.signIns = signIns;
        this.json = json;
        registry.gaugeMapSize("kubechat.gateway.streams.sessions", List.of(), bySession);
        registry.more().counter("kubechat.gateway.streams.events", List.of(), sent);
    }

    void start(@Observes StartupEvent event) {
        informer = kube.gateway().resources(CommandExecution.class).inNamespace(conversations.namespace())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(CommandExecution ce) {
                        publish(ce);
                    }

                    @Override
                    public void onUpdate(CommandExecution old, CommandExecution ce) {
                        if (!java.util.Objects.equals(old.getMetadata().getResourceVersion(), ce.getMetadata().getResourceVersion())) {
                            publish(ce);
                        }
                    }

                    @Override
                    public void onDelete(CommandExecution ce, boolean unknownFinalState) {
                    }
                }, 0);
        sessionInformer = kube.gateway().resources(ChatSession.class).inNamespace(conversations.namespace())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ChatSession session) {
                    }

                    @Override
                    public void onUpdate(ChatSession old, ChatSession session) {
                        revoke(session.getMetadata().getName(), session);
                    }

                    @Override
                    public void onDelete(ChatSession session, boolean unknownFinalState) {
                        revoke(session.getMetadata().getName(), null);
                    }
                }, 0);
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
        if (sessionInformer != null) {
            sessionInformer.close();
        }
    }

    public boolean watching() {
        return informer != null && informer.isWatching() && sessionInformer != null && sessionInformer.isWatching();
    }

    public void subscribe(String sessionId, WebSocketConnection connection) {
        bySession.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet()).add(connection);
        // Sharing may have ended between the upgrade check and now, when revoke() did not know this stream yet.
        revoke(sessionId, sessionInformer == null ? null : sessionInformer.getStore().getByKey(conversations.namespace() + "/" + sessionId));
    }

    public void unsubscribe(String sessionId, WebSocketConnection connection) {
        bySession.computeIfPresent(sessionId, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Closes the streams of {@code sessionId} whose user may no longer use it, all of them when it is deleted.
     * {@code seen} is the session as the watch or its cache knows it, which may be older than what a stream was opened
     * with (or not there yet, for a new session): before closing anything, the API server is asked.
     */
    void revoke(String sessionId, ChatSession seen) {
        Set<WebSocketConnection> connections = bySession.get(sessionId);
        if (connections == null || connections.stream().allMatch(c -> allowed(c, seen))) {
            return;
        }
        ChatSession latest = kube.gateway().resources(ChatSession.class).inNamespace(conversations.namespace()).withName(sessionId).get();
        for (WebSocketConnection c : connections) {
            if (!allowed(c, latest)) {
                unsubscribe(sessionId, c);
                c.close(GONE).subscribe().with(ok -> { }, e -> LOG.debugf("stream close failed: %s", e.getMessage()));
            }
        }
    }

    private static boolean allowed(WebSocketConnection c, ChatSession session) {
        WebUser user = c.userData().get(StreamUpgradeCheck.USER);
        return session != null && session.getMetadata().getDeletionTimestamp() == null && user != null && Conversations.mayUse(user, session);
    }

    /**
     * A command goes to the streams of the session its immutable spec.sessionRef names (not its label, which anyone
     * who may patch it can change), each stream seeing it as its own user may: the result only for those who may read it.
     */
    void publish(CommandExecution ce) {
        String session = ce.getSpec() == null || ce.getSpec().sessionRef() == null ? null : ce.getSpec().sessionRef().name();
        Set<WebSocketConnection> connections = session == null ? null : bySession.get(session);
        if (connections == null) {
            return;
        }
        for (WebSocketConnection c : connections) {
            WebUser user = c.userData().get(StreamUpgradeCheck.USER);
            if (user != null) {
                send(c, new Dtos.StreamEvent("command", reader.view(user, ce), null));
            }
        }
    }

    /** A message posted through this replica; others learn of it through the command it created. */
    public void message(String session, Dtos.Message message) {
        Set<WebSocketConnection> connections = bySession.get(session);
        if (connections != null) {
            connections.forEach(c -> send(c, new Dtos.StreamEvent("message", null, message)));
        }
    }

    private void send(WebSocketConnection c, Dtos.StreamEvent event) {
        if (!c.isOpen()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sent.incrementAndGet();
        c.sendText(text).subscribe().with(ok -> { }, e -> LOG.debugf("stream send failed: %s", e.getMessage()));
    }

    /** Ends the streams whose sign-in has ended, on whichever replica that happened. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void endSignedOut() {
        Map<String, List<Map.Entry<String, WebSocketConnection>>> bySignIn = new HashMap<>();
        bySession.forEach((session, connections) -> connections.forEach(c -> {
            String key = c.userData().get(StreamUpgradeCheck.SIGN_IN);
            if (key != null) {
                bySignIn.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.entry(session, c));
            }
        }));
        if (bySignIn.isEmpty()) {
            return;
        }
        Set<String> live = signIns.live(bySignIn.keySet());
        bySignIn.forEach((key, streams) -> {
            if (!live.contains(key)) {
                for (Map.Entry<String, WebSocketConnection> stream : streams) {
                    unsubscribe(stream.getKey(), stream.getValue());
                    stream.getValue().close(SIGNED_OUT).subscribe().with(ok -> { }, e -> LOG.debugf("stream close failed: %s", e.getMessage()));
                }
            }
        });
    }
}
