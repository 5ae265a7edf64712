package io.kubechat.nlp.kinds;

import io.kubechat.crds.v1alpha1.ResourceType;
import java.util.List;
import java.util.Locale;

/**
 * A built-in kind as kubectl knows it: the resource names it accepts, whether it lives in a
 * namespace, and the everyday words people use for it.
 */
public record KindInfo(String kind, String apiVersion, String plural, boolean namespaced,
                       List<String> shortNames, List<String> phrases) {

    public String singular() {
        return kind.toLowerCase(Locale.ROOT);
    }

    public ResourceType resourceType() {
        return new ResourceType(kind, apiVersion);
    }

    public boolean is(String otherKind) {
        return kind.equals(otherKind);
    }
}
