package io.kubechat.nlp.resolve;

import io.kubechat.nlp.kinds.KindInfo;
import java.util.List;

/** Looks up which objects a name the user gave refers to, on the live cluster. */
public interface NameResolver {

    /**
     * The objects of the candidate kinds called {@code name} in {@code namespace} (ignored for
     * cluster-scoped kinds); when none has exactly that name, the ones whose name contains it.
     */
    List<ObjectRef> find(String name, List<KindInfo> candidates, String namespace);

    /** An object found on the cluster. */
    record ObjectRef(KindInfo kind, String name) {
    }
}
