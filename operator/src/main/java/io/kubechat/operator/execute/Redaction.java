package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes what must never reach a status, a chat or an audit export: Secret values (also hidden in
 * the last-applied annotation) and the noise of managedFields.
 */
final class Redaction {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Redaction() {
    }

    @SuppressWarnings("unchecked")
    static GenericKubernetesResource redact(GenericKubernetesResource object) {
        GenericKubernetesResource copy = Serialization.clone(object);
        copy.getMetadata().setManagedFields(null);
        if ("Secret".equals(copy.getKind())) {
            if (copy.getMetadata().getAnnotations() != null) {
                copy.getMetadata().getAnnotations().remove(LAST_APPLIED);
            }
            for (String field : new String[] {"data", "stringData"}) {
                Object values = copy.getAdditionalProperties().get(field);
                if (values instanceof Map<?, ?> map) {
                    Map<String, Object> hidden = new LinkedHashMap<>();
                    ((Map<String, Object>) map).forEach((key, value) -> hidden.put(key, "<redacted>"));
                    copy.getAdditionalProperties().put(field, hidden);
                }
            }
        }
        return copy;
    }
}
