package io.kubechat.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private final Conversation conversation = new Conversation(new EmbeddedTranslator(), "default");

    private String kubectl(String text) {
        TranslationResult result = conversation.translate(text);
        assertThat(result.understood()).as(text + ": " + result.error()).isTrue();
        return result.translation().kubectl();
    }

    @Test
    void pronounsReferToThePreviousObject() {
        assertThat(kubectl("show the api deployment in shop")).isEqualTo("kubectl get deployment api -n shop");
        assertThat(kubectl("scale it to 3")).isEqualTo("kubectl scale deployment api -n shop --replicas=3");
        assertThat(kubectl("now show its logs")).isEqualTo("kubectl logs deployment/api -n shop");
        assertThat(kubectl("restart it")).isEqualTo("kubectl rollout restart deployment api -n shop");
        assertThat(kubectl("what's its rollout status?")).isEqualTo("kubectl rollout status deployment api -n shop");
    }

    @Test
    void aVerbWithoutAnObjectContinuesOnThePreviousOne() {
        kubectl("describe deployment checkout");
        assertThat(kubectl("scale to 5")).isEqualTo("kubectl scale deployment checkout --replicas=5");
        assertThat(kubectl("show the logs")).isEqualTo("kubectl logs deployment/checkout");
    }

    @Test
    void aNewObjectReplacesTheContext() {
        kubectl("show the api deployment");
        kubectl("describe pod web-1");
        assertThat(kubectl("delete it")).isEqualTo("kubectl delete pod web-1");
    }

    @Test
    void contextNeverLowersTheRisk() {
        kubectl("show deployment api in kube-system");
        TranslationResult scale = conversation.translate("scale it to 0");
        assertThat(scale.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void itWithoutAPreviousObjectIsAskedAbout() {
        TranslationResult result = conversation.translate("scale it to 3");
        assertThat(result.understood()).isFalse();
        assertThat(result.error()).contains("\"it\"");
    }

    @Test
    void notUnderstoodRequestsKeepTheContext() {
        kubectl("show the api deployment");
        assertThat(conversation.translate("frobnicate the wibble").understood()).isFalse();
        assertThat(kubectl("scale it to 2")).isEqualTo("kubectl scale deployment api --replicas=2");
    }
}
