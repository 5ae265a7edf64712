package io.kubechat.operator.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static GenericKubernetesResource object(String json) {
        return Serialization.unmarshal(json, GenericKubernetesResource.class);
    }

    @Test
    void secretValuesAreAlwaysHidden() {
        String shown = Serialization.asJson(Redaction.SECRETS_ONLY.redact(object("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{hunter2}"}},
                 "data":{"password":"aHVudGVyMg=="},"stringData":{"token":"hunter2"}}""")));
        assertThat(shown).doesNotContain("hunter2").doesNotContain("aHVudGVyMg==").contains("\"password\":\"<redacted>\"");
    }

    @Test
    void keysAPolicyNamesAreHiddenInDataAnnotationsAndNameValuePairs() {
        Redaction redaction = new Redaction(List.of(Pattern.compile("(?i)password"), Pattern.compile("(?i)token")));
        String shown = Serialization.asJson(redaction.redact(object("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"db","annotations":{"db-password":"a1","owner":"team",
                  "kubectl.kubernetes.io/last-applied-configuration":"{\\"data\\":{\\"DB_PASSWORD\\":\\"a2\\"}}"}},
                 "data":{"DB_PASSWORD":"a3","host":"db.local"},
                 "spec":{"containers":[{"name":"c","env":[{"name":"API_TOKEN","value":"a4"},{"name":"MODE","value":"fast"}]}]}}""")));
        assertThat(shown).doesNotContain("a1").doesNotContain("a2").doesNotContain("a3").doesNotContain("a4")
                .contains("db.local").contains("team").contains("fast").contains("DB_PASSWORD").contains("API_TOKEN");
    }

    @Test
    void withoutPatternsOtherKindsAreShownAsTheyAre() {
        String shown = Serialization.asJson(Redaction.SECRETS_ONLY.redact(object("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"db"},"data":{"DB_PASSWORD":"a3"}}""")));
        assertThat(shown).contains("a3");
    }
}
