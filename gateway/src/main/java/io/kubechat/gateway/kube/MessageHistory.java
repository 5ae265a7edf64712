package io.kubechat.gateway.kube;

import io.agroal.api.AgroalDataSource;
import io.kubechat.chat.ChatHistory;
import io.kubechat.chat.ChatMessage;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.api.Dtos;
import io.kubechat.gateway.audit.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The conversation of a session: what the operator recorded in the chat history (chat-history/, PostgreSQL) once
 * a command finished, followed by the session's commands still under way, which the history does not hold yet.
 */
@ApplicationScoped
public class MessageHistory {

    static final int LIMIT = 500;

    private final AgroalDataSource dataSource;
    private final Conversations conversations;
    private final Ledger ledger;
    private ChatHistory history;

    public MessageHistory(AgroalDataSource dataSource, Conversations conversations, Ledger ledger) {
        this.dataSource = dataSource;
        this.conversations = conversations;
        this.ledger = ledger;
    }

    private synchronized ChatHistory history() {
        if (history == null) {
            // The ledger's migrations want schema public to themselves on a fresh database; they go first.
            ledger.get();
            history = ChatHistory.open(dataSource);
        }
        return history;
    }

    public List<Dtos.Message> list(ChatSession s) {
        String namespace = s.getMetadata().getNamespace();
        String session = s.getMetadata().getName();
        List<Dtos.Message> out = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        for (ChatMessage m : history().list(namespace, session, LIMIT)) {
            if (m.commandName() != null) {
                recorded.add(m.commandName());
            }
            out.add(new Dtos.Message(Long.toString(m.id()), m.role(), m.text(),
                    m.commandName() == null ? null : new Dtos.ObjectRef(namespace, m.commandName()), m.createdAt().toString()));
        }
        for (CommandExecution ce : conversations.commandsOf(session)) {
            if (!recorded.contains(ce.getMetadata().getName())) {
                out.add(CommandViews.userMessage(ce));
                Dtos.Message answer = CommandViews.assistantMessage(ce);
                if (answer != null) {
                    out.add(answer);
                }
            }
        }
        out.sort(Comparator.comparing(Dtos.Message::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    public long count(ChatSession s) {
        return list(s).size();
    }

    /** Recorded messages only: cheap enough for the session list. */
    public long recordedCount(ChatSession s) {
        return history().count(s.getMetadata().getNamespace(), s.getMetadata().getName());
    }

    public void delete(String namespace, String session) {
        history().deleteSession(namespace, session);
    }
}
