package io.kubechat.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.PolicyAction;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.operator.Durations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final Command DELETE_POD = command("{\"verb\":\"delete\",\"resource\":{\"kind\":\"Pod\"},\"name\":\"web-0\"}");
    private static final Command GET_SECRET = command("{\"verb\":\"get\",\"resource\":{\"kind\":\"Secret\"}}");
    private static final Command SCALE = command("{\"verb\":\"scale\",\"resource\":{\"kind\":\"Deployment\"},\"name\":\"web\",\"arguments\":{\"replicas\":3}}");

    @Test
    void withoutPoliciesDestructiveCommandsWaitAndOthersRun() {
        PolicyDecision delete = PolicyEvaluator.decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of());
        assertThat(delete.action()).isEqualTo(PolicyAction.RequireApproval);
        assertThat(delete.rule()).isNull();
        assertThat(delete.requireDistinctApprover()).isTrue();
        assertThat(delete.expireAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(PolicyEvaluator.decide(SCALE, "shop", RiskLevel.CAUTION, List.of()).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void theMostRestrictiveMatchingRuleWins() {
        ExecutionPolicy policy = policy("""
                {"metadata":{"name":"p"},"spec":{"rules":[
                  {"name":"allow-all","action":"Allow"},
                  {"name":"no-system-secrets","action":"Deny","kinds":["secret"],"namespaces":["kube-system"],"message":"not here"}]}}""");
        PolicyDecision system = PolicyEvaluator.decide(GET_SECRET, "kube-system", RiskLevel.SAFE, List.of(policy));
        assertThat(system.action()).isEqualTo(PolicyAction.Deny);
        assertThat(system.rule()).isEqualTo("p/no-system-secrets");
        assertThat(system.message()).isEqualTo("not here");
        assertThat(PolicyEvaluator.decide(GET_SECRET, "shop", RiskLevel.SAFE, List.of(policy)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void anAllowRuleCanLiftTheDefaultHoldWhereItMatches() {
        ExecutionPolicy dev = policy("""
                {"metadata":{"name":"dev"},"spec":{"rules":[{"name":"free-deletes","action":"Allow","verbs":["delete"],"namespaces":["dev"]}]}}""");
        assertThat(PolicyEvaluator.decide(DELETE_POD, "dev", RiskLevel.DESTRUCTIVE, List.of(dev)).action()).isEqualTo(PolicyAction.Allow);
        assertThat(PolicyEvaluator.decide(DELETE_POD, "prod", RiskLevel.DESTRUCTIVE, List.of(dev)).action()).isEqualTo(PolicyAction.RequireApproval);
    }

    @Test
    void minimumRiskLimitsARule() {
        ExecutionPolicy cautious = policy("""
                {"metadata":{"name":"c"},"spec":{"rules":[{"name":"hold-writes","action":"RequireApproval","minimumRisk":"caution"}]}}""");
        assertThat(PolicyEvaluator.decide(SCALE, "shop", RiskLevel.CAUTION, List.of(cautious)).action()).isEqualTo(PolicyAction.RequireApproval);
        assertThat(PolicyEvaluator.decide(GET_SECRET, "shop", RiskLevel.SAFE, List.of(cautious)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void approvalSettingsCombineTowardsTheStricter() {
        ExecutionPolicy lax = policy("""
                {"metadata":{"name":"lax"},"spec":{"approval":{"requireDistinctApprover":false,"expireAfter":"2h","approverGroups":["sre"]}}}""");
        ExecutionPolicy strict = policy("""
                {"metadata":{"name":"strict"},"spec":{"approval":{"requireDistinctApprover":true,"expireAfter":"15m","approverGroups":["security"]}}}""");
        PolicyDecision alone = PolicyEvaluator.decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(lax));
        assertThat(alone.requireDistinctApprover()).isFalse();
        assertThat(alone.expireAfter()).isEqualTo(Duration.ofHours(2));
        PolicyDecision both = PolicyEvaluator.decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(lax, strict));
        assertThat(both.requireDistinctApprover()).isTrue();
        assertThat(both.expireAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(both.approverGroups()).containsExactly("sre", "security");
    }

    @Test
    void durationsReadLikeKubectlSince() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("2h0m5s")).isEqualTo(Duration.ofSeconds(7205));
    }

    private static Command command(String json) {
        return Serialization.unmarshal(json, Command.class);
    }

    private static ExecutionPolicy policy(String json) {
        return Serialization.unmarshal(json, ExecutionPolicy.class);
    }
}
