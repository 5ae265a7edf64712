package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.command.CommandValidator;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.regex.Pattern;

/**
 * Jazzer fuzzing of the embedded translator: for any input it returns (an exception or a hang
 * fails the fuzz run), and what it returns keeps the safety rules. Without JAZZER_FUZZ it replays
 * the seeds in TranslatorFuzzTestInputs as a regression test; with JAZZER_FUZZ=1 it fuzzes for
 * maxDuration.
 */
class TranslatorFuzzTest {

    private static final EmbeddedTranslator TRANSLATOR = new EmbeddedTranslator();
    private static final CommandValidator VALIDATOR = new CommandValidator(KindLexicon.builtIn());
    private static final Pattern SHELL = Pattern.compile("[;|&`$<>\\\\\\n]");

    @FuzzTest(maxDuration = "60s")
    void translatingAnyTextReturnsAValidCommandOrAnError(FuzzedDataProvider data) {
        String namespace = data.consumeBoolean() ? "default" : "shop";
        String text = data.consumeRemainingAsString();
        TranslationResult result = TRANSLATOR.translate(new TranslationRequest(text, namespace, null));
        if (result.understood()) {
            assertThat(VALIDATOR.problems(result.command())).isEmpty();
            assertThat(result.risk()).isNotNull();
            String kubectl = result.translation().kubectl();
            assertThat(SHELL.matcher(kubectl.replace("'{\"spec\":{\"suspend\":true}}'", "")
                    .replace("'{\"spec\":{\"suspend\":false}}'", "")).find()).as(kubectl).isFalse();
        } else {
            assertThat(result.error()).isNotBlank();
        }
    }
}
