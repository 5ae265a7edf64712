package io.kubechat.nlp.eval;

/**
 * One request of an evaluation corpus with the kubectl line and risk level it must give, and the
 * operation (verb and kind, "get pod", "rollout-restart deployment") it is counted under.
 */
public record CorpusEntry(int line, String request, String namespace, String expectedKubectl, String expectedRisk,
                          String operation) {
}
