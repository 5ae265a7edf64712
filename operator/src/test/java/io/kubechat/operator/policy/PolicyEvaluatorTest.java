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
        PolicyDecision delete = decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of());
        assertThat(delete.action()).isEqualTo(PolicyAction.RequireApproval);
        assertThat(delete.rule()).isNull();
        assertThat(delete.requireDistinctApprover()).isTrue();
        assertThat(delete.expireAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(decide(SCALE, "shop", RiskLevel.CAUTION, List.of()).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void theMostRestrictiveMatchingRuleWins() {
        ExecutionPolicy policy = policy("""
                {"metadata":{"name":"p"},"spec":{"rules":[
                  {"name":"allow-all","action":"Allow"},
                  {"name":"no-system-secrets","action":"Deny","kinds":["secret"],"namespaces":["kube-system"],"message":"not here"}]}}""");
        PolicyDecision system = decide(GET_SECRET, "kube-system", RiskLevel.SAFE, List.of(policy));
        assertThat(system.action()).isEqualTo(PolicyAction.Deny);
        assertThat(system.rule()).isEqualTo("p/no-system-secrets");
        assertThat(system.message()).isEqualTo("not here");
        assertThat(decide(GET_SECRET, "shop", RiskLevel.SAFE, List.of(policy)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void onlyTheAdministratorsAllowRuleLiftsTheHoldWhereItMatches() {
        ExecutionPolicy dev = policy("""
                {"metadata":{"name":"dev","namespace":"kubechat-system"},"spec":{"rules":[
                  {"name":"free-deletes","action":"Allow","verbs":["delete"],"namespaces":["dev"]}]}}""");
        assertThat(decide(DELETE_POD, "dev", RiskLevel.DESTRUCTIVE, List.of(dev)).action()).isEqualTo(PolicyAction.Allow);
        assertThat(decide(DELETE_POD, "prod", RiskLevel.DESTRUCTIVE, List.of(dev)).action()).isEqualTo(PolicyAction.RequireApproval);
        ExecutionPolicy tenant = policy("""
                {"metadata":{"name":"fast-lane","namespace":"dev"},"spec":{"rules":[{"name":"allow-all","action":"Allow"}]}}""");
        PolicyDecision held = decide(DELETE_POD, "dev", RiskLevel.DESTRUCTIVE, List.of(tenant));
        assertThat(held.action()).isEqualTo(PolicyAction.RequireApproval);
        assertThat(held.rule()).isNull();
        assertThat(decide(SCALE, "dev", RiskLevel.CAUTION, List.of(tenant)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void aCommandAcrossAllNamespacesMeetsEveryNamespaceRule() {
        ExecutionPolicy policy = policy("""
                {"metadata":{"name":"p"},"spec":{"rules":[{"name":"no-system-secrets","action":"Deny","kinds":["Secret"],"namespaces":["kube-system"]}]}}""");
        assertThat(decide(GET_SECRET, null, RiskLevel.SAFE, List.of(policy)).action()).isEqualTo(PolicyAction.Deny);
        assertThat(decide(GET_SECRET, "shop", RiskLevel.SAFE, List.of(policy)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void onlyTheAdministratorsCanWaiveTheDistinctApprover() {
        ExecutionPolicy tenant = policy("""
                {"metadata":{"name":"lax","namespace":"shop"},"spec":{"approval":{"requireDistinctApprover":false}}}""");
        ExecutionPolicy central = policy("""
                {"metadata":{"name":"lax","namespace":"kubechat-system"},"spec":{"approval":{"requireDistinctApprover":false}}}""");
        assertThat(decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(tenant)).requireDistinctApprover()).isTrue();
        assertThat(decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(central)).requireDistinctApprover()).isFalse();
    }

    @Test
    void redactionKeysOfEveryPolicyApplyAndAnInvalidPatternIsTakenLiterally() {
        ExecutionPolicy one = policy("""
                {"metadata":{"name":"a"},"spec":{"redaction":{"keyPatterns":["(?i)password"]}}}""");
        ExecutionPolicy two = policy("""
                {"metadata":{"name":"b"},"spec":{"redaction":{"keyPatterns":["(?i)password","token["]}}}""");
        var keys = decide(SCALE, "shop", RiskLevel.CAUTION, List.of(one, two)).redactedKeys();
        assertThat(keys).extracting(java.util.regex.Pattern::pattern).containsExactly("(?i)password", "\\Qtoken[\\E");
        assertThat(keys.get(1).matcher("api-token[0]").find()).isTrue();
    }

    @Test
    void minimumRiskLimitsARule() {
        ExecutionPolicy cautious = policy("""
                {"metadata":{"name":"c"},"spec":{"rules":[{"name":"hold-writes","action":"RequireApproval","minimumRisk":"caution"}]}}""");
        assertThat(decide(SCALE, "shop", RiskLevel.CAUTION, List.of(cautious)).action()).isEqualTo(PolicyAction.RequireApproval);
        assertThat(decide(GET_SECRET, "shop", RiskLevel.SAFE, List.of(cautious)).action()).isEqualTo(PolicyAction.Allow);
    }

    @Test
    void approvalSettingsCombineTowardsTheStricter() {
        ExecutionPolicy lax = policy("""
                {"metadata":{"name":"lax","namespace":"kubechat-system"},"spec":{"approval":{"requireDistinctApprover":false,"expireAfter":"2h","approverGroups":["sre"]}}}""");
        ExecutionPolicy strict = policy("""
                {"metadata":{"name":"strict"},"spec":{"approval":{"requireDistinctApprover":true,"expireAfter":"15m","approverGroups":["security"]}}}""");
        PolicyDecision alone = decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(lax));
        assertThat(alone.requireDistinctApprover()).isFalse();
        assertThat(alone.approverGroups()).containsExactly(List.of("sre"));
        assertThat(alone.expireAfter()).isEqualTo(Duration.ofHours(2));
        PolicyDecision both = decide(DELETE_POD, "shop", RiskLevel.DESTRUCTIVE, List.of(lax, strict));
        assertThat(both.requireDistinctApprover()).isTrue();
        assertThat(both.expireAfter()).isEqualTo(Duration.ofMinutes(15));
        // Each policy's groups stay a separate condition, so the approver must meet both.
        assertThat(both.approverGroups()).containsExactly(List.of("sre"), List.of("security"));
    }

    @Test
    void durationsReadLikeKubectlSince() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("2h0m5s")).isEqualTo(Duration.ofSeconds(7205));
    }

    private static PolicyDecision decide(Command command, String namespace, RiskLevel risk, List<ExecutionPolicy> policies) {
        return PolicyEvaluator.decide(command, namespace, risk, policies, "kubechat-system");
    }

    private static Command command(String json) {
        return Serialization.unmarshal(json, Command.class);
    }

    private static ExecutionPolicy policy(String json) {
        return Serialization.unmarshal(json, ExecutionPolicy.class);
    }
}
