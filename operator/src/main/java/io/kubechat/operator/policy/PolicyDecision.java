package io.kubechat.operator.policy;

import io.kubechat.crds.v1alpha1.PolicyAction;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the policies say about one command: run it, hold it for approval, or refuse it; for a held
 * command, who may approve and for how long the request stands; and which keys' values its results hide.
 *
 * @param rule           the rule that decided, or null when the built-in default did
 * @param approverGroups one entry per policy that names approver groups: the approver must be in at
 *                       least one group of every entry
 * @param redactedKeys   keys whose values are replaced in results
 */
public record PolicyDecision(PolicyAction action, String rule, String message, boolean requireDistinctApprover,
        Duration expireAfter, List<List<String>> approverGroups, List<Pattern> redactedKeys) {
}
