package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes what must never reach a status, a chat or an audit export: Secret values (also hidden in
 * the last-applied annotation), the values of keys that an ExecutionPolicy's redaction names (in data
 * maps, annotations and name/value pairs such as container env), and the noise of managedFields.
 *
 * @param keys patterns of keys whose values are hidden in every kind; found anywhere in the key
 */
public record Redaction(List<Pattern> keys) {

    public static final Redaction SECRETS_ONLY = new Redaction(List.of());
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String HIDDEN = "<redacted>";

    public Redaction {
        keys = List.copyOf(keys);
    }

    @SuppressWarnings("unchecked")
    GenericKubernetesResource redact(GenericKubernetesResource object) {
        GenericKubernetesResource copy = Serialization.clone(object);
        copy.getMetadata().setManagedFields(null);
        Map<String, String> annotations = copy.getMetadata().getAnnotations();
        if (annotations != null && ("Secret".equals(copy.getKind()) || !keys.isEmpty())) {
            // The last applied object repeats every value, in a form no key pattern reaches.
            annotations.remove(LAST_APPLIED);
        }
        if ("Secret".equals(copy.getKind())) {
            for (String field : new String[] {"data", "stringData"}) {
                Object values = copy.getAdditionalProperties().get(field);
                if (values instanceof Map<?, ?> map) {
                    Map<String, Object> hidden = new LinkedHashMap<>();
                    ((Map<String, Object>) map).forEach((key, value) -> hidden.put(key, HIDDEN));
                    copy.getAdditionalProperties().put(field, hidden);
                }
            }
        }
        if (!keys.isEmpty()) {
            if (annotations != null) {
                annotations.replaceAll((key, value) -> hidden(key) ? HIDDEN : value);
            }
            copy.getAdditionalProperties().values().forEach(this::hideIn);
        }
        return copy;
    }

    private boolean hidden(String key) {
        return keys.stream().anyMatch(p -> p.matcher(key).find());
    }

    @SuppressWarnings("unchecked")
    private void hideIn(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> fields = (Map<String, Object>) map;
            // A name/value pair (env, params) is one key: its name.
            if (fields.get("name") instanceof String name && fields.containsKey("value") && hidden(name)) {
                fields.put("value", HIDDEN);
            }
            for (Map.Entry<String, Object> entry : fields.entrySet()) {
                if (hidden(entry.getKey()) && !(entry.getValue() instanceof Map) && !(entry.getValue() instanceof List)) {
                    entry.setValue(HIDDEN);
                } else {
                    hideIn(entry.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(this::hideIn);
        }
    }
}
