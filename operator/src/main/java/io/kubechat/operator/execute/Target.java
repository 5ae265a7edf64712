package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.operator.access.ResourceKind;
import java.util.List;
import java.util.Locale;

/** The objects a command addresses, one by name or those a selector picks, reached as the requester. */
record Target(KubernetesClient client, ResourceKind kind, String namespace, String name, Selector selector) {

    Resource<GenericKubernetesResource> one() {
        return one(name);
    }

    Resource<GenericKubernetesResource> one(String objectName) {
        return kind.namespaced() ? all().inNamespace(namespace).withName(objectName) : all().withName(objectName);
    }

    /** The given object, in the target's namespace, for create or server-side apply. */
    Resource<GenericKubernetesResource> resource(GenericKubernetesResource object) {
        return kind.namespaced() ? all().inNamespace(namespace).resource(object) : all().resource(object);
    }

    /**
     * What a write may change: the named object, or those a non-empty selector picks, or all of the
     * kind only when the command says all, as kubectl demands --all.
     */
    List<GenericKubernetesResource> matchingForWrite(boolean all) {
        boolean selects = selector != null && (notBlank(selector.labels()) || notBlank(selector.fields()));
        if (name == null && !selects && !all) {
            throw new CommandRefusedException("name the object, give a selector, or set arguments.all to change every "
                    + kind.kind() + (kind.namespaced() && namespace != null ? " in namespace " + namespace : ""));
        }
        return matching();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The named object, or every object the selector matches (all of the kind when there is none). */
    List<GenericKubernetesResource> matching() {
        if (name != null) {
            GenericKubernetesResource found = one().get();
            if (found == null) {
                throw new ObjectNotFoundException(notFound(name));
            }
            return List.of(found);
        }
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> query =
                !kind.namespaced() ? all() : namespace == null ? all().inAnyNamespace() : all().inNamespace(namespace);
        if (selector != null && selector.labels() != null) {
            query = query.withLabelSelector(selector.labels());
        }
        if (selector != null && selector.fields() != null) {
            for (String term : selector.fields().split(",")) {
                String[] negated = term.split("!=", 2);
                if (negated.length == 2) {
                    query = query.withoutField(negated[0].trim(), negated[1].trim());
                } else {
                    String[] equal = term.split("==?", 2);
                    query = query.withField(equal[0].trim(), equal.length == 2 ? equal[1].trim() : "");
                }
            }
        }
        return query.list().getItems();
    }

    private String notFound(String objectName) {
        return qualified(objectName) + " not found" + (kind.namespaced() && namespace != null ? " in namespace " + namespace : "");
    }

    /** As kubectl names an object in its messages, for example deployment.apps/checkout. */
    String qualified(String objectName) {
        String type = kind.kind().toLowerCase(Locale.ROOT);
        return (kind.group().isEmpty() ? type : type + "." + kind.group()) + "/" + objectName;
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all() {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
                .withNamespaced(kind.namespaced()).build());
    }
}
