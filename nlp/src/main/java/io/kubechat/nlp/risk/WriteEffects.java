package io.kubechat.nlp.risk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.Verb;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The destructive effects of a write, read from what it writes (its manifest, its patch in any of the
 * three patch types, its typed arguments) rather than from its verb: {@code patch '{"spec":{"replicas":0}}'}
 * stops every pod as surely as {@code scale --replicas=0}. Field names are matched ignoring ASCII case,
 * since some decoders do; content that cannot be read with certainty (malformed or duplicate-key JSON,
 * non-ASCII field names, JSON-patch {@code move}/{@code copy}, whose values come from elsewhere) is itself
 * a reason, because its effect cannot be known.
 */
public final class WriteEffects {

    static final String UNREADABLE = "its content cannot be analysed, so its effect cannot be known";
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Set<String> HOST_NAMESPACES = Set.of("hostnetwork", "hostpid", "hostipc");
    private static final Set<String> REPLICA_FIELDS = Set.of("replicas", "maxreplicas");

    private WriteEffects() {
    }

    /** Why the write is destructive by its content; empty when its content shows nothing destructive. */
    public static List<String> of(Command command) {
        Set<String> reasons = new LinkedHashSet<>();
        CommandArguments args = command.arguments();
        if (command.manifest() != null) {
            inspect(PLAIN.valueToTree(command.manifest()), null, reasons);
        }
        if (args != null) {
            if (args.patch() != null && command.verb() == Verb.PATCH) {
                inspect(patchAsObject(args.patchType(), args.patch(), reasons), null, reasons);
            }
            if (args.replicas() != null && args.replicas() <= 0 && command.verb() != Verb.SCALE) {
                reasons.add("sets replicas to 0, stopping every pod");
            }
            if (command.verb() == Verb.AUTOSCALE && (zeroOrLess(args.maxReplicas()) || zeroOrLess(args.minReplicas()))) {
                reasons.add("lets the autoscaler go to 0 replicas, stopping every pod");
            }
            podSecurityLabels(args.labels(), reasons);
        }
        return List.copyOf(reasons);
    }

    private static boolean zeroOrLess(Integer value) {
        return value != null && value <= 0;
    }

    /** A namespace label that relaxes Pod Security admission lets privileged pods in. */
    private static void podSecurityLabels(Map<String, String> labels, Set<String> reasons) {
        if (labels == null) {
            return;
        }
        for (String key : labels.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith("pod-security.kubernetes.io/")) {
                reasons.add("changes Pod Security admission (" + key + ")");
            }
        }
    }

    /**
     * The patch as an object whose fields are the ones it writes: merge and strategic patches already are;
     * each add or replace of a JSON patch becomes its value placed at its path.
     */
    private static JsonNode patchAsObject(String patchType, String patch, Set<String> reasons) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(patch);
        } catch (JsonProcessingException e) {
            reasons.add("the patch is not valid JSON: " + UNREADABLE);
            return null;
        }
        if (!"json".equals(patchType)) {
            return tree;
        }
        if (!tree.isArray()) {
            reasons.add("the JSON patch is not a list of operations: " + UNREADABLE);
            return null;
        }
        ArrayNode written = JsonNodeFactory.instance.arrayNode();
        for (JsonNode op : tree) {
            String name = op.path("op").asText("");
            switch (name) {
                case "add", "replace" -> written.add(placed(op.path("path").asText(""), op.get("value")));
                case "remove", "test" -> {
                    // Removing a field returns it to its default; test writes nothing.
                }
                default -> reasons.add("the JSON patch operation '" + name + "' writes values taken from elsewhere: " + UNREADABLE);
            }
        }
        return written;
    }

    /** {@code value} nested under the JSON pointer {@code path}: array positions become one-element arrays. */
    private static JsonNode placed(String path, JsonNode value) {
        JsonNode node = value == null ? JsonNodeFactory.instance.nullNode() : value;
        if (path.isEmpty()) {
            return node;
        }
        String[] tokens = path.substring(1).split("/", -1);
        for (int i = tokens.length - 1; i >= 0; i--) {
            String token = tokens[i].replace("~1", "/").replace("~0", "~");
            if (token.equals("-") || token.chars().allMatch(Character::isDigit) && !token.isEmpty()) {
                node = JsonNodeFactory.instance.arrayNode().add(node);
            } else {
                ObjectNode parent = JsonNodeFactory.instance.objectNode();
                parent.set(token, node);
                node = parent;
            }
        }
        return node;
    }

    private static void inspect(JsonNode node, String field, Set<String> reasons) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                inspect(item, field, reasons);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String key = entry.getKey();
            if (!key.chars().allMatch(c -> c < 0x80)) {
                reasons.add("the field name '" + key + "' is not plain ASCII: " + UNREADABLE);
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            JsonNode value = entry.getValue();
            if (field == null && lower.equals("status")) {
                // The status of a written object is not what the write does.
                continue;
            }
            if (REPLICA_FIELDS.contains(lower) && isZero(value)) {
                reasons.add("sets " + key + " to 0, stopping every pod");
            } else if (lower.equals("privileged") && isTrue(value)) {
                reasons.add("runs a privileged container");
            } else if (lower.equals("hostpath") && !value.isNull()) {
                reasons.add("mounts a directory of the node (hostPath)");
            } else if (HOST_NAMESPACES.contains(lower) && isTrue(value)) {
                reasons.add("shares the node's namespaces (" + key + ")");
            } else if (lower.equals("add") && "capabilities".equals(field) && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                reasons.add("adds Linux capabilities to a container");
            }
            inspect(value, lower, reasons);
        }
    }

    private static boolean isZero(JsonNode value) {
        return value.isNumber() && value.asDouble() <= 0 || value.isTextual() && value.asText().trim().equals("0");
    }

    private static boolean isTrue(JsonNode value) {
        return value.isBoolean() && value.booleanValue() || value.isTextual() && value.asText().trim().equalsIgnoreCase("true");
    }
}
