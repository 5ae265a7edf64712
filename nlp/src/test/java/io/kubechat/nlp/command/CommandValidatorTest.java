package io.kubechat.nlp.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator(KindLexicon.builtIn());
    private static final ResourceType POD = new ResourceType("Pod", "v1");

    private static Command get(String name, String namespace) {
        return new Command(Verb.GET, POD, name, namespace, null, null, null, null);
    }

    @Test
    void acceptsAPlainCommand() {
        assertThat(validator.problems(get("web-1", "shop"))).isEmpty();
    }

    @Test
    void rejectsNamesAndNamespacesOutsideTheSchemaPatterns() {
        assertThat(validator.problems(get("web; rm -rf /", null))).contains("name is not valid");
        assertThat(validator.problems(get("Web", null))).contains("name is not valid");
        assertThat(validator.problems(get(null, "a".repeat(64)))).contains("namespace is not valid");
    }

    @Test
    void rejectsUnknownKindsAndWrongApiVersions() {
        assertThat(validator.problems(new Command(Verb.GET, new ResourceType("Shell", "v1"), null, null, null, null, null,
                null))).contains("unknown kind Shell");
        assertThat(validator.problems(new Command(Verb.GET, new ResourceType("Deployment", "v1"), null, null, null, null,
                null, null))).anyMatch(p -> p.contains("apiVersion"));
    }

    @Test
    void enforcesTheCelRulesOfTheCrd() {
        assertThat(validator.problems(new Command(Verb.SCALE, POD, "x", null, null, null, null, null)))
                .contains("scale needs arguments.replicas");
        assertThat(validator.problems(new Command(Verb.DELETE, POD, null, null, null, null, null, null)))
                .contains("delete needs a name, a selector or all: true");
        assertThat(validator.problems(new Command(Verb.DRAIN, POD, "x", null, null, null, null, null)))
                .contains("DRAIN acts on kind Node only");
        assertThat(validator.problems(new Command(Verb.GET, POD, null, "shop", true, null, null, null)))
                .contains("namespace and allNamespaces are mutually exclusive");
        assertThat(validator.problems(new Command(Verb.GET, null, null, null, null, null, null, null)))
                .contains("resource is required for GET");
    }

    @Test
    void rejectsShellCharactersInValues() {
        Command labels = new Command(Verb.LABEL, POD, "x", null, null, null,
                new CommandArgumentsBuilder().labels(Map.of("a", "$(id)")).build(), null);
        assertThat(validator.problems(labels)).contains("labels keys and values must be plain words");
        Command selector = new Command(Verb.GET, POD, null, null, null, new Selector("app=web;ls", null), null, null);
        assertThat(validator.problems(selector)).contains("selector.labels is not valid");
        Command image = new Command(Verb.SET_IMAGE, new ResourceType("Deployment", "apps/v1"), "api", null, null, null,
                new CommandArgumentsBuilder().images(Map.of("*", "nginx`id`")).build(), null);
        assertThat(validator.problems(image)).contains("images keys and values must be plain words");
    }

    @Test
    void enforcesArgumentBounds() {
        Command scale = new Command(Verb.SCALE, new ResourceType("Deployment", "apps/v1"), "api", null, null, null,
                new CommandArgumentsBuilder().replicas(-1).build(), null);
        assertThat(validator.problems(scale)).contains("replicas must be between 0 and 100000");
        Command logs = new Command(Verb.LOGS, POD, "x", null, null, null,
                new CommandArgumentsBuilder().since("1d").output("xml").build(), null);
        assertThat(validator.problems(logs)).contains("since is not valid", "output is not valid");
    }
}
