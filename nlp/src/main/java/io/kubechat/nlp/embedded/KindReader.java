package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the kind a request acts on: the leftmost kind word or phrase ("config maps", "deploy",
 * "pvc"), or a kubectl "type/name" reference such as deploy/api, or "deployment.spec.replicas"
 * for explain.
 */
final class KindReader {

    /** Short names that are also everyday words, so only a kubectl line may use them. */
    private static final Set<String> KUBECTL_ONLY = Set.of("no", "ev", "pc", "limits", "ce", "cc");

    /** Verbs that act on nodes only, so "drain worker-2 ignoring daemonsets" does not act on daemonsets. */
    private static final Set<Verb> NODE_VERBS = Set.of(Verb.CORDON, Verb.UNCORDON, Verb.DRAIN, Verb.TAINT);

    private final KindLexicon kinds;

    KindReader(KindLexicon kinds) {
        this.kinds = kinds;
    }

    void read(Draft draft) {
        Tokens t = draft.tokens;
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            if (readReference(draft, t, i)) {
                return;
            }
            for (int length = kinds.longestPhrase(); length >= 1; length--) {
                String phrase = phrase(t, i, length);
                Optional<KindInfo> kind = phrase == null ? Optional.empty() : kinds.lookup(phrase);
                boolean fits = draft.verb == null || !NODE_VERBS.contains(draft.verb) || kind.map(k -> k.is("Node")).orElse(false);
                // "set the service account of api", "load the web-config configmap into web": not the kind acted on
                fits &= !(draft.verb == Verb.SET_SERVICEACCOUNT && kind.map(k -> k.is("ServiceAccount")).orElse(false));
                fits &= !(draft.verb == Verb.SET_ENV && kind.map(k -> k.is("ConfigMap") || k.is("Secret")).orElse(false));
                fits &= !(draft.granting && kind.map(k -> k.is("ServiceAccount")).orElse(false));
                // the "service" of "service account" is never a Service
                fits &= !(kind.map(k -> k.is("Service")).orElse(false) && t.word(i + length).equals("account"));
                if (kind.isPresent() && fits && (draft.kubectlStyle || !KUBECTL_ONLY.contains(phrase))) {
                    draft.kind = kind.get();
                    t.use(i, i + length);
                    return;
                }
            }
        }
    }

    /** "deploy/api" or "pods/api-1", and "deployment.spec.replicas" for explain. */
    private boolean readReference(Draft draft, Tokens t, int i) {
        String word = t.word(i);
        int slash = word.indexOf('/');
        if (slash > 0 && slash < word.length() - 1) {
            Optional<KindInfo> kind = kinds.lookup(word.substring(0, slash));
            if (kind.isPresent()) {
                draft.kind = kind.get();
                draft.name = word.substring(slash + 1);
                t.use(i);
                return true;
            }
        }
        int dot = word.indexOf('.');
        if (draft.verb == Verb.EXPLAIN && dot > 0 && dot < word.length() - 1) {
            Optional<KindInfo> kind = kinds.lookup(word.substring(0, dot));
            if (kind.isPresent()) {
                draft.kind = kind.get();
                draft.args.fieldPath(t.raw(i).substring(dot + 1));
                t.use(i);
                return true;
            }
        }
        return false;
    }

    private static String phrase(Tokens t, int from, int length) {
        StringBuilder phrase = new StringBuilder();
        for (int k = 0; k < length; k++) {
            if (!t.free(from + k)) {
                return null;
            }
            if (k > 0) {
                phrase.append(' ');
            }
            phrase.append(t.word(from + k));
        }
        return phrase.toString();
    }
}
