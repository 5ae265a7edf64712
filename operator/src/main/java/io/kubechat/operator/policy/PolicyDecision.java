package io.kubechat.operator.policy;

import io.kubechat.crds.v1alpha1.PolicyAction;
import java.time.Duration;
import java.util.List;

/**
 * What the policies say about one command: run it, hold it for approval, or refuse it; and, for
 * a held command, who may approve and for how long the request stands.
 *
 * @param rule the rule that decided, or null when the built-in default did
 */
public record PolicyDecision(PolicyAction action, String rule, String message, boolean requireDistinctApprover,
        Duration expireAfter, List<String> approverGroups) {
}
