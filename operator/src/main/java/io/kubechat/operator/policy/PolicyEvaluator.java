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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides from the ExecutionPolicies that apply (those of the command's namespace and of the
 * operator's) whether a command runs, waits for approval or is refused. Among matching rules the
 * most restrictive wins; when none matches, destructive commands wait for approval and the rest run.
 */
public final class PolicyEvaluator {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

    private PolicyEvaluator() {
    }

    public static PolicyDecision decide(Command command, String namespace, RiskLevel risk, List<ExecutionPolicy> policies) {
        List<Matched> matched = new ArrayList<>();
        for (ExecutionPolicy policy : policies) {
            if (policy.getSpec() == null || policy.getSpec().rules() == null) {
                continue;
            }
            for (PolicyRule rule : policy.getSpec().rules()) {
                if (matches(rule, command, namespace, risk)) {
                    matched.add(new Matched(policy.getMetadata().getName() + "/" + rule.name(), rule));
                }
            }
        }
        Approvals approvals = approvals(policies);
        return matched.stream()
                .max(Comparator.comparingInt(m -> strictness(m.rule().action())))
                .map(m -> new PolicyDecision(m.rule().action(), m.name(), message(m), approvals.distinct(), approvals.expiry(), approvals.groups()))
                .orElseGet(() -> risk == RiskLevel.DESTRUCTIVE
                        ? new PolicyDecision(PolicyAction.RequireApproval, null, "destructive commands wait for approval",
                                approvals.distinct(), approvals.expiry(), approvals.groups())
                        : new PolicyDecision(PolicyAction.Allow, null, null, approvals.distinct(), approvals.expiry(), approvals.groups()));
    }

    static boolean matches(PolicyRule rule, Command command, String namespace, RiskLevel risk) {
        boolean verb = empty(rule.verbs()) || rule.verbs().contains(command.verb());
        String kind = command.resource() == null ? null : command.resource().kind();
        boolean kindMatches = empty(rule.kinds()) || kind != null && rule.kinds().stream().anyMatch(k -> k.equalsIgnoreCase(kind));
        boolean namespaceMatches = empty(rule.namespaces()) || namespace != null && rule.namespaces().contains(namespace);
        boolean riskMatches = rule.minimumRisk() == null || risk.ordinal() >= rule.minimumRisk().ordinal();
        return verb && kindMatches && namespaceMatches && riskMatches;
    }

    /** Approval settings are combined towards the stricter: any policy can demand a distinct approver or a shorter wait. */
    private static Approvals approvals(List<ExecutionPolicy> policies) {
        List<Boolean> distinct = new ArrayList<>();
        Duration expiry = null;
        Set<String> groups = new LinkedHashSet<>();
        for (ExecutionPolicy policy : policies) {
            ApprovalPolicy approval = policy.getSpec() == null ? null : policy.getSpec().approval();
            if (approval == null) {
                continue;
            }
            if (approval.requireDistinctApprover() != null) {
                distinct.add(approval.requireDistinctApprover());
            }
            if (approval.expireAfter() != null) {
                Duration d = Durations.parse(approval.expireAfter());
                expiry = expiry == null || d.compareTo(expiry) < 0 ? d : expiry;
            }
            if (approval.approverGroups() != null) {
                groups.addAll(approval.approverGroups());
            }
        }
        return new Approvals(distinct.isEmpty() || distinct.contains(true), expiry == null ? DEFAULT_EXPIRY : expiry, List.copyOf(groups));
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

    private record Matched(String name, PolicyRule rule) {
    }

    private record Approvals(boolean distinct, Duration expiry, List<String> groups) {
    }
}
