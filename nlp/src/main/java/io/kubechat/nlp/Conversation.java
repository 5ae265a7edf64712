package io.kubechat.nlp;

import io.kubechat.crds.v1alpha1.Command;

/**
 * One chat session's thread: remembers the last command understood so that "scale it to 3"
 * refers to it. Safe to share between threads; each session needs its own.
 */
public final class Conversation {

    private final Translator translator;
    private final String defaultNamespace;
    private Command previous;

    public Conversation(Translator translator, String defaultNamespace) {
        this.translator = translator;
        this.defaultNamespace = defaultNamespace;
    }

    public synchronized TranslationResult translate(String text) {
        TranslationResult result = translator.translate(new TranslationRequest(text, defaultNamespace, previous));
        if (result.understood()) {
            previous = result.command();
        }
        return result;
    }
}
