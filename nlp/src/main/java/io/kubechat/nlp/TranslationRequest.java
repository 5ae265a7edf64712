package io.kubechat.nlp;

import io.kubechat.crds.v1alpha1.Command;

/**
 * A request in words. {@code defaultNamespace} is the session's namespace, used when the words
 * name none; {@code previous} is the last command of the same conversation, which pronouns such
 * as "it" refer to, or null.
 */
public record TranslationRequest(String text, String defaultNamespace, Command previous) {

    public static TranslationRequest of(String text) {
        return new TranslationRequest(text, "default", null);
    }

    public static TranslationRequest of(String text, String defaultNamespace) {
        return new TranslationRequest(text, defaultNamespace, null);
    }
}
