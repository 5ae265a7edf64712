package io.kubechat.nlp.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindLexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainerTest {

    private final Explainer explainer = new Explainer(KindLexicon.builtIn());

    @ParameterizedTest
    @EnumSource(Verb.class)
    void everyVerbGetsOneSentence(Verb verb) {
        Command command = new Command(verb, new ResourceType("Deployment", "apps/v1"), "api", null, null, null,
                new CommandArgumentsBuilder().replicas(2).build(), null);
        String sentence = explainer.explain(command, "shop");
        assertThat(sentence).matches("[A-Z][^.]*\\.").doesNotContain("null");
    }

    @Test
    void namesTheObjectAndWhere() {
        Command command = new Command(Verb.SCALE, new ResourceType("Deployment", "apps/v1"), "api", null, null, null,
                new CommandArgumentsBuilder().replicas(3).build(), null);
        assertThat(explainer.explain(command, "shop")).isEqualTo("Scales deployment api in namespace shop to 3 replicas.");
    }
}
