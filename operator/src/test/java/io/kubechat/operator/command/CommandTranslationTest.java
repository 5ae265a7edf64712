package io.kubechat.operator.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.KubectlRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTranslationTest {

    private static final KubectlRenderer RENDERER = new KubectlRenderer(KindLexicon.builtIn());

    @Test
    void aChoiceThatCreatesASecretShowsItsKeysButNotItsValues() {
        Command secret = Serialization.unmarshal(
                "{\"verb\":\"create\",\"resource\":{\"kind\":\"secret\"},\"name\":\"db\",\"arguments\":{\"data\":{\"password\":\"hunter2\"}}}",
                Command.class);
        Clarification asked = new Clarification("Which secret do you mean?",
                List.of(new Clarification.Choice("kubectl create secret generic db --from-literal=password=hunter2", secret)));

        Clarification shown = CommandTranslation.withoutSecretValues(asked, RENDERER);

        assertThat(shown.question()).isEqualTo(asked.question());
        assertThat(shown.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.command().arguments().data()).containsEntry("password", KubectlRenderer.REDACTED);
            assertThat(choice.kubectl()).contains("db").contains("password");
        });
        assertThat(Serialization.asJson(shown)).doesNotContain("hunter2");
    }

    @Test
    void aChoiceIsShownAsTheRendererWritesItsCommand() {
        Command scale = Serialization.unmarshal(
                "{\"verb\":\"scale\",\"resource\":{\"kind\":\"deployment\"},\"name\":\"checkout\",\"namespace\":\"shop\",\"arguments\":{\"replicas\":4}}",
                Command.class);
        Clarification asked = new Clarification("Did you mean the deployment checkout?",
                List.of(new Clarification.Choice("anything the translator wrote", scale), new Clarification.Choice("no command", null)));

        assertThat(CommandTranslation.withoutSecretValues(asked, RENDERER).choices()).extracting(Clarification.Choice::kubectl)
                .containsExactly(RENDERER.render(scale));
    }
}
