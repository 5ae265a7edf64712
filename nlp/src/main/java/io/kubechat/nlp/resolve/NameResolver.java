package io.kubechat.nlp.resolve;

import io.kubechat.nlp.kinds.KindInfo;
import java.util.List;

/**
 * The objects the requester can see, by name only: what the translator grounds the names of a
 * request in. Implementations read as the requester, so an object they may not list is never
 * offered, and never fail a request (a kind that cannot be listed has no visible objects).
 */
public interface NameResolver {

    /**
     * The visible objects of these kinds in {@code namespace}, or in every namespace the requester
     * can see when it is null (cluster-scoped kinds ignore it).
     */
    List<ObjectRef> visible(List<KindInfo> kinds, String namespace);

    /**
     * Whether the requester may list {@code kind} in {@code namespace}. When not, the objects there are neither
     * seen nor known to be absent: a name typed with its kind and namespace is left to the API server to allow.
     */
    default boolean mayList(KindInfo kind, String namespace) {
        return true;
    }

    /** An object the requester can see; {@code namespace} is null for cluster-scoped kinds. */
    record ObjectRef(KindInfo kind, String namespace, String name) {
    }
}
