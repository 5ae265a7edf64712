package io.kubechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL. */
class ChatHistoryTest {

    private static EmbeddedPostgres postgres;
    private static ChatHistory history;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
        history = ChatHistory.open(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void keepsMessagesPerSessionInOrder() {
        history.record(ChatMessage.about("shop", "s1", "ce-1", ChatMessage.USER, "scale checkout to 5"));
        history.record(ChatMessage.about("shop", "s1", "ce-1", ChatMessage.ASSISTANT, "Scaled deployment checkout to 5"));
        history.record(ChatMessage.about("shop", "s2", "ce-2", ChatMessage.USER, "list pods"));

        List<ChatMessage> messages = history.list("shop", "s1", 50);

        assertThat(messages).extracting(ChatMessage::role, ChatMessage::text).containsExactly(
                tuple("user", "scale checkout to 5"),
                tuple("assistant", "Scaled deployment checkout to 5"));
        assertThat(messages).allSatisfy(message -> assertThat(message.createdAt()).isNotNull());
        assertThat(history.count("shop", "s1")).isEqualTo(2);
        assertThat(history.lastActivity("shop", "s1")).isNotNull();
        assertThat(history.lastActivity("shop", "none")).isNull();
    }

    @Test
    void listReturnsTheLatestMessagesOldestFirst() {
        for (int i = 0; i < 5; i++) {
            history.record(ChatMessage.about("shop", "long", "ce-" + i, ChatMessage.USER, "request " + i));
        }

        assertThat(history.list("shop", "long", 2)).extracting(ChatMessage::text).containsExactly("request 3", "request 4");
    }

    @Test
    void aMessageAboutACommandIsRecordedOnceHoweverOftenAndByWhomeverItIsWritten() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = writers.invokeAll(Collections.nCopies(16,
                    () -> history.record(ChatMessage.about("shop", "retry", "ce-x", ChatMessage.ASSISTANT, "done"))));
            long recorded = 0;
            for (Future<Boolean> attempt : attempts) {
                recorded += attempt.get() ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(1);
        } finally {
            writers.shutdown();
        }
        assertThat(history.count("shop", "retry")).isEqualTo(1);
    }

    @Test
    void deletingASessionRemovesOnlyItsMessages() {
        history.record(ChatMessage.about("ops", "gone", "ce-1", ChatMessage.USER, "a"));
        history.record(ChatMessage.about("ops", "kept", "ce-1", ChatMessage.USER, "b"));

        assertThat(history.deleteSession("ops", "gone")).isEqualTo(1);

        assertThat(history.count("ops", "gone")).isZero();
        assertThat(history.count("ops", "kept")).isEqualTo(1);
    }

    @Test
    void opensBesideTheAuditLedgersTablesAndAgainOnceMigrated() throws IOException, SQLException {
        try (EmbeddedPostgres shared = EmbeddedPostgres.start()) {
            try (var connection = shared.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE audit_record (seq bigint PRIMARY KEY)");
            }

            ChatHistory.open(shared.getPostgresDatabase()).record(ChatMessage.about("shop", "s", "ce", ChatMessage.USER, "hi"));
            ChatHistory again = ChatHistory.open(shared.getPostgresDatabase());

            assertThat(again.count("shop", "s")).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableDatabaseIsAClearError() throws IOException {
        EmbeddedPostgres gone = EmbeddedPostgres.start();
        ChatHistory orphan = ChatHistory.open(gone.getPostgresDatabase());
        gone.close();

        assertThatThrownBy(() -> orphan.count("shop", "s1"))
                .isInstanceOf(ChatHistoryException.class)
                .hasMessageStartingWith("cannot count session shop/s1: ");
    }
}
