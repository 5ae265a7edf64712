package io.kubechat.nlp;

import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.nlp.llm.LlmSettings;
import io.kubechat.nlp.llm.LlmTranslator;
import io.kubechat.nlp.resolve.NameResolver;
import java.util.Map;

/** Chooses the translator from configuration: the embedded one, or a model with the embedded one as fallback. */
public final class Translators {

    private Translators() {
    }

    /**
     * The translator the KUBECHAT_LLM_* variables describe (see {@link LlmSettings#fromEnvironment});
     * the embedded translator when none is set.
     *
     * @param resolver names are resolved on the cluster through this; null for none
     */
    public static Translator fromEnvironment(Map<String, String> env, NameResolver resolver) {
        LlmSettings settings = LlmSettings.fromEnvironment(env);
        return create(settings, resolver);
    }

    public static Translator create(LlmSettings settings, NameResolver resolver) {
        EmbeddedTranslator embedded = new EmbeddedTranslator(resolver);
        return settings == null ? embedded : new LlmTranslator(settings, embedded).groundedIn(resolver, embedded);
    }
}
