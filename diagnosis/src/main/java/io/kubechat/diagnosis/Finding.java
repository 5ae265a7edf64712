package io.kubechat.diagnosis;

import io.kubechat.crds.v1alpha1.Command;
import java.util.List;

/**
 * One reason the target is unhealthy: what it is about ("deployment checkout", container app), a sentence
 * in plain words, the evidence it rests on, and the commands that would fix it, which run through the
 * usual rating, authorization and approval.
 */
public record Finding(Cause cause, String about, String summary, List<Evidence> evidence, List<Command> fixes) {

    public Finding {
        evidence = List.copyOf(evidence);
        fixes = List.copyOf(fixes);
    }
}
