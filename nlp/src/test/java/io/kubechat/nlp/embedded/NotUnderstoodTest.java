package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import org.junit.jupiter.api.Test;

class NotUnderstoodTest {

    private final EmbeddedTranslator translator = new EmbeddedTranslator();

    private TranslationResult translate(String text) {
        return translator.translate(TranslationRequest.of(text));
    }

    @Test
    void gibberishGivesTheClosestSuggestions() {
        TranslationResult result = translate("frobnicate the wibble");
        assertThat(result.understood()).isFalse();
        assertThat(result.risk()).isNull();
        assertThat(result.error()).isNotBlank();
        assertThat(result.translation().suggestions()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(result.translation().engine()).isEqualTo("embedded");
    }

    @Test
    void suggestionsAreCloseToTheRequest() {
        assertThat(translate("cordon please").translation().suggestions()).anyMatch(s -> s.contains("cordon"));
    }

    @Test
    void aDeleteWithoutAnObjectIsAskedAboutNotGuessed() {
        TranslationResult result = translate("delete the pods");
        assertThat(result.understood()).isFalse();
        assertThat(result.error()).contains("which pod");
    }

    @Test
    void aDeleteOfAnUnknownKindIsAskedAbout() {
        TranslationResult result = translate("delete nginx");
        assertThat(result.understood()).isFalse();
        assertThat(result.translation().suggestions()).contains("delete pod nginx", "delete deployment nginx");
    }

    @Test
    void aTypoInAWriteVerbIsAskedAboutNotReadAsAGet() {
        TranslationResult result = translate("delte pod web-1");
        assertThat(result.understood()).isFalse();
        assertThat(result.error()).contains("\"delete\"");
    }

    @Test
    void aTypoInADestructiveRequestOffersTheCorrectedCommand() {
        TranslationResult result = translate("delete deploymnet api");
        assertThat(result.understood()).isFalse();
        assertThat(result.translation().suggestions()).first().isEqualTo("kubectl delete deployment api");
    }

    @Test
    void scaleWithoutACountAsksHowMany() {
        assertThat(translate("scale deployment api").error()).contains("how many replicas");
    }

    @Test
    void emptyAndBlankRequestsAreNotUnderstood() {
        assertThat(translate("").understood()).isFalse();
        assertThat(translate("   ").understood()).isFalse();
        assertThat(translator.translate(new TranslationRequest(null, "default", null)).understood()).isFalse();
    }

    @Test
    void droppedPartsAreReported() {
        TranslationResult result = translate("kubectl get pods --token abc.def; rm -rf /");
        assertThat(result.translation().kubectl()).isEqualTo("kubectl get pods");
        assertThat(result.notes()).anyMatch(n -> n.contains("shell syntax")).anyMatch(n -> n.contains("--token"));
        assertThat(String.join(" ", result.notes())).doesNotContain("abc.def").doesNotContain("rm -rf");
    }
}
