package io.kubechat.operator.policy;

import io.kubechat.crds.v1alpha1.ApprovalPolicy;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.PolicyAction;
import io.kubechat.crds.v1alpha1.PolicyRule;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.operator.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides from the ExecutionPolicies that apply (those of the operator's namespace, the command's and
 * the one it acts in) whether a command runs, waits for approval or is refused. Among matching rules the
 * most restrictive wins. Destructive commands wait for approval whatever a tenant's policy says: only an
 * Allow rule of a policy in the operator's namespace, which the cluster's administrators keep, lifts that
 * hold, and only they can waive the distinct approver. Everything else combines towards the stricter.
 */
public final class PolicyEvaluator {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

    private PolicyEvaluator() {
    }

    /**
     * @param namespace          the namespace the command acts in; null for all namespaces or cluster-scoped
     *                           kinds, which every namespace rule matches
     * @param operatorNamespace  where the administrators' policies live
     */
    public static PolicyDecision decide(Command command, String namespace, RiskLevel risk, List<ExecutionPolicy> policies,
            String operatorNamespace) {
        List<Matched> matched = new ArrayList<>();
        for (ExecutionPolicy policy : policies) {
            if (policy.getSpec() == null || policy.getSpec().rules() == null) {
                continue;
            }
            boolean central = isCentral(policy, operatorNamespace);
            for (PolicyRule rule : policy.getSpec().rules()) {
                if (matches(rule, command, namespace, risk)) {
                    matched.add(new Matched(policy.getMetadata().getName() + "/" + rule.name(), rule, central));
                }
            }
        }
        Approvals approvals = approvals(policies, operatorNamespace);
        Optional<Matched> strictest = matched.stream().max(Comparator.comparingInt(m -> strictness(m.rule().action())));
        PolicyAction action = strictest.map(m -> m.rule().action()).orElse(PolicyAction.Allow);
        // When Allow is the strictest match, every match is an Allow: the hold stands unless one is the administrators'.
        if (risk == RiskLevel.DESTRUCTIVE && action == PolicyAction.Allow && matched.stream().noneMatch(Matched::central)) {
            return approvals.decision(PolicyAction.RequireApproval, null, "destructive commands wait for approval");
        }
        return strictest.map(m -> approvals.decision(m.rule().action(), m.name(), message(m)))
                .orElseGet(() -> approvals.decision(PolicyAction.Allow, null, null));
    }

    static boolean matches(PolicyRule rule, Command command, String namespace, RiskLevel risk) {
        boolean verb = empty(rule.verbs()) || rule.verbs().contains(command.verb());
        String kind = command.resource() == null ? null : command.resource().kind();
        boolean kindMatches = empty(rule.kinds()) || kind != null && rule.kinds().stream().anyMatch(k -> k.equalsIgnoreCase(kind));
        // A command across all namespaces, or on a cluster-scoped kind, reaches every namespace a rule names.
        boolean namespaceMatches = empty(rule.namespaces()) || namespace == null || rule.namespaces().contains(namespace);
        boolean riskMatches = rule.minimumRisk() == null || risk.ordinal() >= rule.minimumRisk().ordinal();
        return verb && kindMatches && namespaceMatches && riskMatches;
    }

    private static boolean isCentral(ExecutionPolicy policy, String operatorNamespace) {
        return operatorNamespace != null && operatorNamespace.equals(policy.getMetadata().getNamespace());
    }

    /**
     * Approval settings combine towards the stricter: the shortest wait; a distinct approver unless the
     * administrators' policies waive it and no policy asks for it; every policy's approver groups must be met.
     */
    private static Approvals approvals(List<ExecutionPolicy> policies, String operatorNamespace) {
        boolean distinctDemanded = false;
        boolean distinctWaived = false;
        Duration expiry = null;
        List<List<String>> groups = new ArrayList<>();
        Map<String, Pattern> redacted = new LinkedHashMap<>();
        for (ExecutionPolicy policy : policies) {
            if (policy.getSpec() != null && policy.getSpec().redaction() != null && policy.getSpec().redaction().keyPatterns() != null) {
                policy.getSpec().redaction().keyPatterns().forEach(p -> redacted.computeIfAbsent(p, PolicyEvaluator::keyPattern));
            }
            ApprovalPolicy approval = policy.getSpec() == null ? null : policy.getSpec().approval();
            if (approval == null) {
                continue;
            }
            if (Boolean.TRUE.equals(approval.requireDistinctApprover())) {
                distinctDemanded = true;
            } else if (Boolean.FALSE.equals(approval.requireDistinctApprover()) && isCentral(policy, operatorNamespace)) {
                distinctWaived = true;
            }
            if (approval.expireAfter() != null) {
                Duration d = Durations.parse(approval.expireAfter());
                expiry = expiry == null || d.compareTo(expiry) < 0 ? d : expiry;
            }
            if (approval.approverGroups() != null && !approval.approverGroups().isEmpty()) {
                groups.add(List.copyOf(approval.approverGroups()));
            }
        }
        return new Approvals(distinctDemanded || !distinctWaived, expiry == null ? DEFAULT_EXPIRY : expiry, List.copyOf(groups),
                List.copyOf(redacted.values()));
    }

    /** A key pattern that is not a valid regular expression still hides the key it spells out. */
    private static Pattern keyPattern(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(pattern));
        }
    }

    private static String message(Matched m) {
        if (m.rule().message() != null) {
            return m.rule().message();
        }
        return switch (m.rule().action()) {
            case Deny -> "refused by policy rule " + m.name();
            case RequireApproval -> "policy rule " + m.name() + " asks for approval";
            case Allow -> null;
        };
    }

    private static int strictness(PolicyAction action) {
        return switch (action) {
            case Allow -> 0;
            case RequireApproval -> 1;
            case Deny -> 2;
        };
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private record Matched(String name, PolicyRule rule, boolean central) {
    }

    private record Approvals(boolean distinct, Duration expiry, List<List<String>> groups, List<Pattern> redacted) {

        PolicyDecision decision(PolicyAction action, String rule, String message) {
            return new PolicyDecision(action, rule, message, distinct, expiry, groups, redacted);
        }
    }
}
