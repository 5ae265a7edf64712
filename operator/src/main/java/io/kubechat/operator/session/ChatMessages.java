package io.kubechat.operator.session;

import io.agroal.api.AgroalDataSource;
import io.kubechat.chat.ChatHistory;
import io.kubechat.chat.ChatHistoryException;
import io.kubechat.chat.ChatMessage;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.operator.status.CommandExecutionStatuses;
import io.kubechat.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The conversation of ChatSessions, in the audit ledger's PostgreSQL. Each finished command of a
 * session adds what was asked and what came of it; the history is opened on first use, so the
 * operator starts while the database is away.
 */
@ApplicationScoped
public class ChatMessages {

    private final AgroalDataSource dataSource;
    private ChatHistory history;

    public ChatMessages(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the request and the outcome of a finished command of a session; repeating it records nothing twice.
     *
     * @throws ChatHistoryException when PostgreSQL cannot take them
     */
    public void recordOutcome(CommandExecution ce, CommandExecutionStatus outcome) {
        String namespace = ce.getMetadata().getNamespace();
        String session = ce.getSpec().sessionRef().name();
        String name = ce.getMetadata().getName();
        history().record(ChatMessage.about(namespace, session, name, ChatMessage.USER, asked(ce, outcome)));
        history().record(ChatMessage.about(namespace, session, name, ChatMessage.ASSISTANT, answer(outcome)));
    }

    public synchronized ChatHistory history() {
        if (history == null) {
            try {
                history = ChatHistory.open(dataSource);
            } catch (RuntimeException e) {
                throw new ChatHistoryException("the chat history cannot be opened", e);
            }
        }
        return history;
    }

    private static String asked(CommandExecution ce, CommandExecutionStatus outcome) {
        if (ce.getSpec().request() != null) {
            return ce.getSpec().request();
        }
        return outcome.translation() == null ? "(structured command)" : outcome.translation().kubectl();
    }

    /** The result's summary when it succeeded, else why not, in the words of the Succeeded condition. */
    static String answer(CommandExecutionStatus outcome) {
        if (outcome.phase() == ExecutionPhase.Succeeded && outcome.result() != null && outcome.result().summary() != null) {
            return outcome.result().summary();
        }
        return Conditions.find(outcome.conditions(), CommandExecutionStatuses.SUCCEEDED)
                .map(c -> outcome.phase() + ": " + c.message())
                .orElse(String.valueOf(outcome.phase()));
    }
}
