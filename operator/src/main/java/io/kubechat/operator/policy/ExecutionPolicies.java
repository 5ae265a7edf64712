package io.kubechat.operator.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ExecutionPolicies of the cluster, kept by a watch: every command consults them, and they
 * change rarely, so reading them from a cache keeps API calls off each command's path.
 */
@ApplicationScoped
public class ExecutionPolicies {

    private final SharedIndexInformer<ExecutionPolicy> informer;

    public ExecutionPolicies(KubernetesClient client) {
        this.informer = client.resources(ExecutionPolicy.class).inAnyNamespace().runnableInformer(0);
        informer.start().toCompletableFuture().join();
    }

    /** The policies in the given namespaces, each namespace once, in that order. */
    public List<ExecutionPolicy> in(Collection<String> namespaces) {
        List<ExecutionPolicy> policies = new ArrayList<>();
        for (String namespace : new LinkedHashSet<>(namespaces)) {
            policies.addAll(informer.getIndexer().byIndex("namespace", namespace));
        }
        return policies;
    }

    /** Every policy of the cluster. */
    public List<ExecutionPolicy> all() {
        return informer.getIndexer().list();
    }

    void close(@Observes ShutdownEvent shutdown) {
        informer.close();
    }
}
