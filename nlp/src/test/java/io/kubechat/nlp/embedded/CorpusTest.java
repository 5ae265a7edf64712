package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.eval.Corpus;
import io.kubechat.nlp.eval.CorpusEntry;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every request of the corpus must give exactly its expected kubectl line and risk level. */
class CorpusTest {

    private static final EmbeddedTranslator TRANSLATOR = new EmbeddedTranslator();

    static List<CorpusEntry> corpus() throws IOException {
        try (Reader in = new InputStreamReader(CorpusTest.class.getResourceAsStream("/corpus.txt"), StandardCharsets.UTF_8)) {
            return Corpus.read(in);
        }
    }

    @Test
    void corpusIsBroad() throws IOException {
        List<CorpusEntry> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        assertThat(corpus.stream().map(CorpusEntry::operation).distinct().count()).isGreaterThanOrEqualTo(50);
        assertThat(corpus.stream().filter(e -> e.expectedRisk().equals("destructive")).count()).isGreaterThanOrEqualTo(30);
    }

    @TestFactory
    Stream<DynamicTest> eachRequestGivesItsCommandAndRisk() throws IOException {
        return corpus().stream().map(entry -> DynamicTest.dynamicTest("line " + entry.line() + ": " + entry.request(), () -> {
            TranslationResult result = TRANSLATOR.translate(
                    new TranslationRequest(entry.request(), entry.namespace(), null));
            assertThat(result.error()).as("error").isNull();
            assertThat(result.translation().kubectl()).isEqualTo(entry.expectedKubectl());
            assertThat(result.risk().level().name().toLowerCase(Locale.ROOT)).isEqualTo(entry.expectedRisk());
            assertThat(result.translation().engine()).isEqualTo("embedded");
            assertThat(result.translation().explanation()).endsWith(".").doesNotContain("null");
            assertThat(result.translation().confidence()).isBetween(0.1, 0.99);
        }));
    }
}
