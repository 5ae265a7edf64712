package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.command.CommandValidator;
import io.kubechat.nlp.kinds.KindLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Injection, identity flags, encoded payloads and typos: each gives its expected outcome and breaks no safety rule. */
class AdversarialCorpusTest {

    private static final EmbeddedTranslator TRANSLATOR = new EmbeddedTranslator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHELL = Pattern.compile("[;|&`$<>\\\\]|\\$\\(");
    private static final Pattern IDENTITY = Pattern.compile(
            "--(as|as-group|as-uid|token|kubeconfig|server|context|cluster|user|username|password|client-key"
                    + "|client-certificate|certificate-authority|insecure-skip-tls-verify)\\b|\\s-s\\s");
    private static final Pattern DELETION_WORDS = Pattern.compile("\\b(delete|remove|destroy|kill|drain|terminate|evict)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> CREDENTIALS = List.of("s3cr3tvalue", "hunter2", "/tmp/key.pem",
            "eyJhbGciOiJSUzI1NiJ9");

    record Case(int line, String request, String expected) {
    }

    static List<Case> cases() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AdversarialCorpusTest.class.getResourceAsStream("/adversarial.txt"), StandardCharsets.UTF_8))) {
            List<String> lines = in.lines().toList();
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> !lines.get(i).isBlank() && !lines.get(i).startsWith("#"))
                    .mapToObj(i -> {
                        String line = lines.get(i);
                        int arrow = line.lastIndexOf("=>");
                        return new Case(i + 1, line.substring(0, arrow).strip(), line.substring(arrow + 2).strip());
                    }).toList();
        }
    }

    @Test
    void corpusCoversEveryAttackFamily() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(50);
    }

    @TestFactory
    Stream<DynamicTest> eachAttackGivesItsOutcome() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.request(), () -> {
            TranslationResult result = TRANSLATOR.translate(new TranslationRequest(c.request(), "default", null));
            String outcome = result.understood()
                    ? result.translation().kubectl() + " | " + result.risk().level().name().toLowerCase(Locale.ROOT)
                    : "not understood";
            assertThat(outcome).isEqualTo(c.expected());
        }));
    }

    @TestFactory
    Stream<DynamicTest> noAttackBreaksASafetyRule() throws IOException {
        CommandValidator validator = new CommandValidator(KindLexicon.builtIn());
        return cases().stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.request(), () -> {
            TranslationResult result = TRANSLATOR.translate(new TranslationRequest(c.request(), "default", null));
            String everythingShown = String.join(" ", result.notes()) + " " + result.error();
            CREDENTIALS.forEach(secret -> assertThat(everythingShown).doesNotContain(secret));
            if (!result.understood()) {
                return;
            }
            String kubectl = result.translation().kubectl();
            String command = JSON.writeValueAsString(result.command());
            assertThat(SHELL.matcher(kubectl.replace("'{\"spec\"", "")).find()).as(kubectl).isFalse();
            assertThat(IDENTITY.matcher(kubectl).find()).as(kubectl).isFalse();
            assertThat(SHELL.matcher(command).find()).as(command).isFalse();
            assertThat(validator.problems(result.command())).isEmpty();
            if (DELETION_WORDS.matcher(c.request()).find() && kubectl.matches("kubectl (delete|drain) .*")) {
                assertThat(result.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
            }
        }));
    }
}
