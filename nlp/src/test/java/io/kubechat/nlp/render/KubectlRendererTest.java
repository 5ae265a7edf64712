package io.kubechat.nlp.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubectlRendererTest {

    private final KubectlRenderer renderer = new KubectlRenderer(KindLexicon.builtIn());
    private static final ResourceType POD = new ResourceType("Pod", "v1");

    @Test
    void listsUseThePluralAndNamedObjectsTheSingular() {
        assertThat(renderer.render(new Command(Verb.GET, POD, null, "shop", null, null, null, null)))
                .isEqualTo("kubectl get pods -n shop");
        assertThat(renderer.render(new Command(Verb.GET, POD, "web", null, null, null, null, null)))
                .isEqualTo("kubectl get pod web");
    }

    @Test
    void flagsComeInAFixedOrder() {
        Command command = new Command(Verb.GET, POD, null, null, true, new Selector("app=web", "status.phase=Running"),
                new CommandArgumentsBuilder().output("wide").sortBy(".metadata.name").build(), null);
        assertThat(renderer.render(command)).isEqualTo(
                "kubectl get pods -A -l app=web --field-selector=status.phase=Running --sort-by=.metadata.name -o wide");
    }

    @Test
    void secretValuesAreNeverRendered() {
        Command command = new Command(Verb.CREATE, new ResourceType("Secret", "v1"), "db", null, null, null,
                new CommandArgumentsBuilder().data(Map.of("password", "hunter2")).build(), null);
        assertThat(renderer.render(command)).isEqualTo("kubectl create secret generic db --from-literal=password=***");
    }

    @Test
    void configMapValuesAreRendered() {
        Command command = new Command(Verb.CREATE, new ResourceType("ConfigMap", "v1"), "c", null, null, null,
                new CommandArgumentsBuilder().data(Map.of("b", "2", "a", "1")).build(), null);
        assertThat(renderer.render(command)).isEqualTo("kubectl create configmap c --from-literal=a=1 --from-literal=b=2");
    }

    @Test
    void verbsWithoutObjects() {
        assertThat(renderer.render(new Command(Verb.VERSION, null, null, null, null, null, null, null)))
                .isEqualTo("kubectl version");
        assertThat(renderer.render(new Command(Verb.API_RESOURCES, null, null, null, null, null, null, null)))
                .isEqualTo("kubectl api-resources");
    }
}
