package io.kubechat.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing and printing that need no cluster. */
class CommandLineTest {

    @Test
    void durationsAreWrittenAsKubectlWritesThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> converter.convert("ten minutes")).hasMessageContaining("is not a duration such as 90s");
        assertThatThrownBy(() -> converter.convert("5")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void tablesArePaddedToTheWidestCell() {
        StringWriter out = new StringWriter();

        new Table(List.of("name", "ready")).row(List.of("checkout", "3/3")).row(List.of("db", "1/1")).print(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                NAME       READY
                checkout   3/3
                db         1/1
                """);
    }

    @Test
    void askNeedsWordsAndAuditNeedsADatabase() {
        String[] noWords = {"ask"};
        String[] noDatabase = {"audit", "verify", "--public-key", "key.pem"};

        assertThat(run(noWords)).startsWith("2:").contains("Missing required parameter: 'WORDS'");
        if (System.getenv("KUBECHAT_AUDIT_JDBC_URL") == null) {
            assertThat(run(noDatabase)).startsWith("2:").contains("Missing required option: '--jdbc-url=URL'");
        }
        assertThat(run("ask", "get pods", "--timeout", "soon")).startsWith("2:").contains("'soon' is not a duration");
        assertThat(run("audit", "verify", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none"))
                .isEqualTo("2:error: give --public-key (or --signing-key): the key that verifies the ledger's checkpoints\n");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        assertThat(run("--help")).startsWith("0:").contains("ask", "approve", "reject", "list", "sessions", "audit")
                .contains("3   the command is waiting for approval");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = KubeChatCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int exit = commandLine.execute(args);
        return exit + ":" + out;
    }
}
