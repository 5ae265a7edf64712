package io.kubechat.operator.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubechat.crds.v1alpha1.CommandExecution;
import org.junit.jupiter.api.Test;

class CachedWithoutManagedFieldsTest {

    @Test
    void keepsResourcesByNamespaceAndNameWithoutTheirManagedFields() {
        CommandExecution ce = new CommandExecution();
        ce.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("scale-web").withResourceVersion("7")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Update").build()).build());
        CachedWithoutManagedFields<CommandExecution> store = new CachedWithoutManagedFields<>();

        store.put(store.getKey(ce), ce);

        assertThat(store.getKey(ce)).isEqualTo("shop/scale-web");
        CommandExecution cached = store.get("shop/scale-web");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    }
}
