package io.kubechat.nlp.resolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.kubechat.nlp.kinds.KindInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves names with a fabric8 client. Only names are read: the objects' contents never leave
 * this class. Kinds the client may not read are skipped, so resolution never fails a request.
 */
public final class ClusterNameResolver implements NameResolver {

    private final KubernetesClient client;

    public ClusterNameResolver(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<ObjectRef> find(String name, List<KindInfo> candidates, String namespace) {
        List<ObjectRef> exact = new ArrayList<>();
        List<ObjectRef> partial = new ArrayList<>();
        for (KindInfo kind : candidates) {
            try {
                for (GenericKubernetesResource object : list(kind, namespace).getItems()) {
                    String objectName = object.getMetadata().getName();
                    if (objectName.equals(name)) {
                        exact.add(new ObjectRef(kind, objectName));
                    } else if (objectName.contains(name)) {
                        partial.add(new ObjectRef(kind, objectName));
                    }
                }
            } catch (KubernetesClientException e) {
                // not allowed to list this kind, or it is not served: it cannot be the match
            }
        }
        return exact.isEmpty() ? partial : exact;
    }

    private GenericKubernetesResourceList list(KindInfo kind, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(kind.apiVersion(), kind.kind());
        return kind.namespaced() && namespace != null ? op.inNamespace(namespace).list() : op.list();
    }
}
