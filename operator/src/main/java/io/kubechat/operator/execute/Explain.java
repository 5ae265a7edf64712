package io.kubechat.operator.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.operator.access.ResourceKind;
import java.util.Iterator;
import java.util.Map;

/** kubectl explain, from the API server's OpenAPI v3 document for the kind's group version. */
final class Explain {

    CommandResult explain(KubernetesClient client, ResourceKind kind, String fieldPath) {
        String path = kind.group().isEmpty() ? "api/" + kind.version() : "apis/" + kind.group() + "/" + kind.version();
        JsonNode document = Serialization.unmarshal(client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/openapi/v3/" + path), JsonNode.class);
        JsonNode schemas = document.path("components").path("schemas");
        JsonNode schema = findKind(schemas, kind);
        String field = kind.kind();
        if (fieldPath != null && !fieldPath.isBlank()) {
            for (String part : fieldPath.split("\\.")) {
                if (part.isEmpty() || part.equalsIgnoreCase(kind.kind())) {
                    continue;
                }
                JsonNode next = resolve(schemas, schema).path("properties").path(part);
                if (next.isMissingNode()) {
                    throw new CommandRefusedException("field \"" + part + "\" does not exist in " + field);
                }
                schema = next;
                field = part;
            }
        }
        JsonNode resolved = resolve(schemas, schema);
        StringBuilder text = new StringBuilder()
                .append("KIND:       ").append(kind.kind()).append('\n')
                .append("VERSION:    ").append(kind.apiVersion()).append("\n\n")
                .append("FIELD: ").append(field).append(" <").append(type(schemas, schema)).append(">\n\n")
                .append("DESCRIPTION:\n    ").append(description(schema, resolved).replace("\n", "\n    ")).append('\n');
        JsonNode properties = resolved.path("properties");
        if (properties.size() > 0) {
            text.append("\nFIELDS:\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                var entry = it.next();
                text.append("  ").append(entry.getKey()).append("\t<").append(type(schemas, entry.getValue())).append(">\n");
            }
        }
        return new CommandResult("explain " + kind.plural() + (fieldPath == null ? "" : "." + fieldPath), null, null, text.toString(), false, null);
    }

    private static JsonNode findKind(JsonNode schemas, ResourceKind kind) {
        for (Iterator<JsonNode> it = schemas.elements(); it.hasNext(); ) {
            JsonNode schema = it.next();
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                if (kind.kind().equals(gvk.path("kind").asText()) && kind.group().equals(gvk.path("group").asText())
                        && kind.version().equals(gvk.path("version").asText())) {
                    return schema;
                }
            }
        }
        throw new CommandRefusedException("the API server publishes no schema for " + kind.kind());
    }

    /** Follows $ref, directly, through allOf, or through an array's items. */
    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 8; depth++) {
            JsonNode ref = current.has("$ref") ? current.get("$ref")
                    : current.path("allOf").path(0).has("$ref") ? current.path("allOf").path(0).get("$ref")
                    : current.path("items").has("$ref") ? current.path("items").get("$ref")
                    : current.path("items").path("allOf").path(0).has("$ref") ? current.path("items").path("allOf").path(0).get("$ref") : null;
            if (ref == null) {
                return current;
            }
            current = schemas.path(ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
        }
        return current;
    }

    private static String type(JsonNode schemas, JsonNode schema) {
        if (schema.has("type")) {
            String type = schema.get("type").asText();
            return "array".equals(type) ? "[]" + type(schemas, schema.path("items")) : type;
        }
        JsonNode resolved = resolve(schemas, schema);
        return resolved.has("type") && !"object".equals(resolved.get("type").asText()) ? resolved.get("type").asText() : "Object";
    }

    private static String description(JsonNode schema, JsonNode resolved) {
        String own = schema.path("description").asText("");
        return own.isEmpty() ? resolved.path("description").asText("<empty>") : own;
    }
}
