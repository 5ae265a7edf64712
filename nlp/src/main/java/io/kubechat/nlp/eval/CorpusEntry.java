package io.kubechat.nlp.eval;

/**
 * One request of an evaluation corpus with the kubectl line and risk level it must give (or
 * {@link #ASK} and {@code -} when the translator must ask), the paraphrase family it belongs to
 * (null in files without families) and the operation it is counted under: the family's prefix,
 * or verb and kind read from the expected line ("get pod", "rollout-restart deployment").
 */
public record CorpusEntry(int line, String request, String namespace, String expectedKubectl, String expectedRisk,
                          String operation, String family) {

    public static final String ASK = "?";

    public boolean mustAsk() {
        return ASK.equals(expectedKubectl);
    }
}
