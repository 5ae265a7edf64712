package io.kubechat.nlp;

/** Turns a request in words into a structured, risk-rated command, or says it did not understand. */
public interface Translator {

    TranslationResult translate(TranslationRequest request);

    /** The name recorded as the translation's engine: embedded, openai, ollama, ... */
    String engine();
}
