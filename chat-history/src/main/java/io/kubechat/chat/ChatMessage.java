package io.kubechat.chat;

import java.time.Instant;

/**
 * One message of a ChatSession.
 *
 * @param id          assigned by the database; 0 for a message not yet recorded
 * @param role        {@link #USER} (what was asked) or {@link #ASSISTANT} (what KubeChat answered)
 * @param commandName the CommandExecution the message belongs to, or null
 * @param createdAt   assigned by the database when null
 */
public record ChatMessage(long id, String namespace, String session, String role, String text, String commandName,
        Instant createdAt) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    /** A message about {@code commandName}, to be recorded. */
    public static ChatMessage about(String namespace, String session, String commandName, String role, String text) {
        return new ChatMessage(0, namespace, session, role, text, commandName, null);
    }
}
