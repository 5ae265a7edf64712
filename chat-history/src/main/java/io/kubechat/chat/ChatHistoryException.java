package io.kubechat.chat;

/** The chat history could not be read or written (the database is unreachable or refused). */
public class ChatHistoryException extends RuntimeException {

    public ChatHistoryException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
