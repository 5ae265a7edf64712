package io.kubechat.operator.command;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The informer's store, keeping resources without {@code metadata.managedFields}. Nothing in the
 * operator reads them, status is written without them, and their nested maps were the largest
 * part of a cached CommandExecution: with 10,000 of them, most of the operator's live heap.
 */
public final class CachedWithoutManagedFields<T extends HasMetadata> extends BasicItemStore<T> {

    public CachedWithoutManagedFields() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T resource) {
        resource.getMetadata().setManagedFields(null);
        return super.put(key, resource);
    }
}
