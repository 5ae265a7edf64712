package io.kubechat.nlp.resolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubechat.nlp.kinds.KindInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The objects a fabric8 client (the requester's) can list. Only names are read: the objects'
 * contents never leave this class. Kinds the client may not list are skipped; a namespaced kind
 * the client may not list across namespaces is listed in each namespace it can see. A requester who
 * may not list namespaces is tried in each namespace an installer-supplied source names (the
 * operator's own list); only what the requester may list there is seen.
 */
public final class ClusterNameResolver implements NameResolver {

    /** Per kind and namespace: enough for any name a person types, bounded for a large cluster. */
    static final long LIMIT = 500;

    private final KubernetesClient client;
    private final Supplier<List<String>> namespacesToTry;

    public ClusterNameResolver(KubernetesClient client) {
        this(client, List::of);
    }

    /**
     * @param client the requester's client
     * @param namespacesToTry namespaces to look in when the requester may not list namespaces
     */
    public ClusterNameResolver(KubernetesClient client, Supplier<List<String>> namespacesToTry) {
        this.client = client;
        this.namespacesToTry = namespacesToTry;
    }

    @Override
    public List<ObjectRef> visible(List<KindInfo> kinds, String namespace) {
        List<ObjectRef> found = new ArrayList<>();
        for (KindInfo kind : kinds) {
            if (!kind.namespaced() || namespace != null) {
                list(kind, kind.namespaced() ? namespace : null, found);
            } else if (!list(kind, null, found)) {
                for (String each : namespaces()) {
                    list(kind, each, found);
                }
            }
        }
        return found;
    }

    @Override
    public boolean mayList(KindInfo kind, String namespace) {
        return list(kind, kind.namespaced() ? namespace : null, new ArrayList<>());
    }

    private List<String> namespaces() {
        try {
            return client.namespaces().list(new ListOptionsBuilder().withLimit(LIMIT).build()).getItems().stream()
                    .map(n -> n.getMetadata().getName()).toList();
        } catch (KubernetesClientException e) {
            return namespacesToTry.get().stream().limit(LIMIT).toList();
        }
    }

    /** Adds what one list call returns; false when the requester may not list it. */
    private boolean list(KindInfo kind, String namespace, List<ObjectRef> into) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(kind.apiVersion(), kind.kind());
        try {
            GenericKubernetesResourceList list = !kind.namespaced() ? op.list(options())
                    : namespace == null ? op.inAnyNamespace().list(options()) : op.inNamespace(namespace).list(options());
            for (GenericKubernetesResource object : list.getItems()) {
                into.add(new ObjectRef(kind, kind.namespaced() ? object.getMetadata().getNamespace() : null,
                        object.getMetadata().getName()));
            }
            return true;
        } catch (KubernetesClientException e) {
            // not allowed to list this kind here, or it is not served: nothing of it is visible
            return false;
        }
    }

    private static io.fabric8.kubernetes.api.model.ListOptions options() {
        return new ListOptionsBuilder().withLimit(LIMIT).build();
    }
}
