package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Selector;

/** The label and field selectors a draft collected, joined as kubectl takes them. */
final class DraftSelectors {

    private DraftSelectors() {
    }

    static Selector of(Draft d) {
        String labels = d.labelSelectors.isEmpty() ? null : String.join(",", d.labelSelectors);
        String fields = d.fieldSelectors.isEmpty() ? null : String.join(",", d.fieldSelectors);
        return labels == null && fields == null ? null : new Selector(labels, fields);
    }
}
