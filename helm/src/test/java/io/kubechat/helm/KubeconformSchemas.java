package io.kubechat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * JSON schemas in the layout kubeconform reads ({@value #LOCATION}), made offline: built-in kinds from
 * the Kubernetes OpenAPI v2 document of the pinned release (api/openapi-spec/swagger.json of the
 * k8s.io/kubernetes module, which hack/build-tools.sh copies next to the binaries), KubeChat kinds
 * from the CRDs. Like kubeconform's own "-strict" schema sets, every object that lists its properties
 * refuses others, so a misspelt field fails validation.
 */
final class KubeconformSchemas {

    /**
     * kubeconform's -schema-location template under the output directory. kubeconform's "Group" is the
     * part of apiVersion before the slash, so for the core group ("v1") it is the version.
     */
    static final String LOCATION = "{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/definitions/";

    private KubeconformSchemas() {
    }

    /** Writes the schemas of every kind in {@code swagger} and in the CRD files of {@code crdDir}; returns how many. */
    static int write(Path swagger, Path crdDir, Path out) throws IOException {
        int count = 0;
        JsonNode definitions = JSON.readTree(swagger.toFile()).path("definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> definition = it.next();
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                ObjectNode schema = definition.getValue().deepCopy();
                ObjectNode used = NODES.objectNode();
                for (String name : reachable(schema, definitions)) {
                    used.set(name, definitions.get(name).deepCopy());
                }
                schema.set("definitions", used);
                strict(schema);
                write(out, gvk.path("group").asText(), gvk.path("kind").asText(), gvk.path("version").asText(), schema);
                count++;
            }
        }
        List<Path> crds;
        try (Stream<Path> files = Files.list(crdDir)) {
            crds = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : crds) {
            JsonNode crd = Rendered.YAML.readTree(file.toFile());
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                ObjectNode properties = schema.with("properties");
                properties.set("apiVersion", NODES.objectNode().put("type", "string"));
                properties.set("kind", NODES.objectNode().put("type", "string"));
                properties.set("metadata", NODES.objectNode().put("type", "object"));
                strict(schema);
                write(out, group, kind, version.path("name").asText(), schema);
                count++;
            }
        }
        return count;
    }

    private static void write(Path out, String group, String kind, String version, JsonNode schema) throws IOException {
        Path file = out.resolve(group.isEmpty() ? version : group).resolve(kind.toLowerCase(Locale.ROOT) + "_" + version + ".json");
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), schema);
    }

    /** Names of the definitions {@code schema} refers to, directly or through others. */
    private static Set<String> reachable(JsonNode schema, JsonNode definitions) {
        Set<String> seen = new TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>(List.of(schema));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            // JSONSchemaProps has a property named "$ref", an object rather than a reference.
            if (node.isObject() && node.path("$ref").isTextual() && node.get("$ref").asText().startsWith(REF_PREFIX)) {
                String name = node.get("$ref").asText().substring(REF_PREFIX.length());
                if (seen.add(name)) {
                    todo.push(definitions.get(name));
                }
            }
            node.elements().forEachRemaining(todo::push);
        }
        return seen;
    }

    /**
     * Closes every object schema that names its properties, and spells the Kubernetes string-or-number
     * types (IntOrString, Quantity, x-kubernetes-int-or-string) as JSON schema understands them.
     */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean intOrString = "int-or-string".equals(object.path("format").asText())
                    || object.path("x-kubernetes-int-or-string").asBoolean(false);
            if (intOrString || isQuantity(object)) {
                object.remove(List.of("type", "format"));
                ArrayNode oneOf = object.putArray("oneOf");
                oneOf.addObject().put("type", "string");
                oneOf.addObject().put("type", intOrString ? "integer" : "number");
            }
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(KubeconformSchemas::strict);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(KubeconformSchemas::strict);
        }
    }

    /** resource.Quantity is a string in the OpenAPI document, yet "cpu: 1" is valid YAML for it. */
    private static boolean isQuantity(ObjectNode object) {
        return object.path("description").asText().startsWith("Quantity is a fixed-point representation of a number.");
    }
}
