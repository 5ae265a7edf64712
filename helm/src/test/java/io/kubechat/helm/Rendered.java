package io.kubechat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects {@code helm template} rendered, parsed, with lookups by kind and name. */
record Rendered(String yaml, List<ObjectNode> objects) {

    static final ObjectMapper YAML = new YAMLMapper();
    static final String KUBE_VERSION = "1.35.4";

    /** Renders the chart as release {@code kc} in {@code namespace} with the given extra helm arguments. */
    static Rendered template(String release, String namespace, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("template", release, Tools.chartDir().toString(), "--namespace", namespace,
                "--kube-version", KUBE_VERSION));
        args.addAll(extraArgs);
        return parse(Tools.runOk("helm", args));
    }

    static Rendered template(List<String> extraArgs) {
        return template("kc", "kubechat-system", extraArgs);
    }

    static Rendered parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode node = values.next();
                if (node instanceof ObjectNode object && object.has("kind")) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(yaml, objects);
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; rendered: "
                + objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList()));
    }

    <T> T as(ObjectNode node, Class<T> type) {
        try {
            return YAML.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Deployment deployment(String name) {
        return as(get("Deployment", name), Deployment.class);
    }

    static Path valuesFile(String name) {
        return Tools.chartDir().resolve(name);
    }
}
