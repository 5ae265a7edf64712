package io.kubechat.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The conversation messages of ChatSessions in PostgreSQL. Sessions live in etcd, which is no place
 * for an ever-growing conversation; messages are keyed by the session's namespace and name.
 */
public final class ChatHistory {

    private final DataSource dataSource;

    private ChatHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the history, first bringing its tables up to date (its own Flyway history, beside the audit ledger's). */
    public static ChatHistory open(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("chat_schema_history")
                .locations("classpath:db/chat-history")
                // The database usually holds the audit ledger already.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new ChatHistory(dataSource);
    }

    /**
     * Records a message. A message about a command is recorded at most once per role, so callers
     * may repeat this after a crash or a conflict; it returns whether this call recorded it.
     */
    public boolean record(ChatMessage message) {
        String sql = """
                INSERT INTO chat_message (namespace, session, role, text, command_name, created_at)
                VALUES (?, ?, ?, ?, ?, COALESCE(?, now()))
                ON CONFLICT (namespace, session, command_name, role) WHERE command_name IS NOT NULL DO NOTHING""";
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, message.namespace());
            insert.setString(2, message.session());
            insert.setString(3, message.role());
            insert.setString(4, message.text());
            insert.setString(5, message.commandName());
            insert.setTimestamp(6, message.createdAt() == null ? null : Timestamp.from(message.createdAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ChatHistoryException("cannot record a message of session " + message.namespace() + "/" + message.session(), e);
        }
    }

    /** The session's latest {@code limit} messages, oldest first. */
    public List<ChatMessage> list(String namespace, String session, int limit) {
        String sql = """
                SELECT * FROM (
                    SELECT id, namespace, session, role, text, command_name, created_at FROM chat_message
                    WHERE namespace = ? AND session = ? ORDER BY id DESC LIMIT ?) latest
                ORDER BY id""";
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, namespace);
            query.setString(2, session);
            query.setInt(3, limit);
            List<ChatMessage> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(new ChatMessage(rows.getLong("id"), rows.getString("namespace"), rows.getString("session"),
                            rows.getString("role"), rows.getString("text"), rows.getString("command_name"),
                            rows.getTimestamp("created_at").toInstant()));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new ChatHistoryException("cannot read session " + namespace + "/" + session, e);
        }
    }

    /** The number of messages in the session. */
    public int count(String namespace, String session) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM chat_message WHERE namespace = ? AND session = ?")) {
            query.setString(1, namespace);
            query.setString(2, session);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new ChatHistoryException("cannot count session " + namespace + "/" + session, e);
        }
    }

    /** The time of the session's latest message, or null when it has none. */
    public Instant lastActivity(String namespace, String session) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT max(created_at) FROM chat_message WHERE namespace = ? AND session = ?")) {
            query.setString(1, namespace);
            query.setString(2, session);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp latest = rows.getTimestamp(1);
                return latest == null ? null : latest.toInstant();
            }
        } catch (SQLException e) {
            throw new ChatHistoryException("cannot read session " + namespace + "/" + session, e);
        }
    }

    /** Removes the session's messages (when the session is deleted or expires); returns how many. */
    public int deleteSession(String namespace, String session) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM chat_message WHERE namespace = ? AND session = ?")) {
            delete.setString(1, namespace);
            delete.setString(2, session);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new ChatHistoryException("cannot delete session " + namespace + "/" + session, e);
        }
    }
}
