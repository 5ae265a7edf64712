package io.kubechat.nlp.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Taint;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class RiskClassifierTest {

    private static final ResourceType POD = new ResourceType("Pod", "v1");
    private static final ResourceType DEPLOYMENT = new ResourceType("Deployment", "apps/v1");
    private static final ResourceType SECRET = new ResourceType("Secret", "v1");
    private static final ResourceType NODE = new ResourceType("Node", "v1");
    private final RiskClassifier classifier = new RiskClassifier();

    private RiskLevel level(Command command) {
        return classifier.classify(command, "default").level();
    }

    private static Command named(Verb verb, ResourceType type, String name, CommandArguments args) {
        return new Command(verb, type, name, null, null, null, args, null);
    }

    @Test
    void readsAreSafe() {
        for (Verb verb : EnumSet.of(Verb.GET, Verb.DESCRIBE, Verb.LOGS, Verb.EVENTS, Verb.TOP, Verb.ROLLOUT_STATUS,
                Verb.ROLLOUT_HISTORY, Verb.AUTH_CAN_I, Verb.EXPLAIN)) {
            assertThat(level(named(verb, POD, "web", null))).as(verb.name()).isEqualTo(RiskLevel.SAFE);
        }
        assertThat(level(new Command(Verb.VERSION, null, null, null, null, null, null, null))).isEqualTo(RiskLevel.SAFE);
    }

    @Test
    void listingSecretNamesIsSafeButReadingValuesIsNot() {
        assertThat(level(named(Verb.GET, SECRET, null, null))).isEqualTo(RiskLevel.SAFE);
        assertThat(level(named(Verb.DESCRIBE, SECRET, "db", null))).isEqualTo(RiskLevel.SAFE);
        CommandArguments yaml = new CommandArgumentsBuilder().output("yaml").build();
        assertThat(level(named(Verb.GET, SECRET, "db", yaml))).isEqualTo(RiskLevel.CAUTION);
        assertThat(level(named(Verb.GET, SECRET, "db", new CommandArgumentsBuilder().output("json").build())))
                .isEqualTo(RiskLevel.CAUTION);
    }

    @ParameterizedTest
    @EnumSource(value = Verb.class, names = {"SCALE", "SET_IMAGE", "LABEL", "ANNOTATE", "ROLLOUT_RESTART",
            "ROLLOUT_UNDO", "ROLLOUT_PAUSE", "ROLLOUT_RESUME", "EXPOSE", "AUTOSCALE", "PATCH"})
    void namedWritesAreCaution(Verb verb) {
        CommandArguments args = new CommandArgumentsBuilder().replicas(2).build();
        assertThat(level(named(verb, DEPLOYMENT, "api", args))).isEqualTo(RiskLevel.CAUTION);
    }

    @Test
    void everyDeleteIsDestructive() {
        assertThat(level(named(Verb.DELETE, POD, "web", null))).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.DELETE, new ResourceType("ConfigMap", "v1"), "c", null)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void drainAndScaleToZeroAreDestructive() {
        assertThat(level(named(Verb.DRAIN, NODE, "n1", null))).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.SCALE, DEPLOYMENT, "api", new CommandArgumentsBuilder().replicas(0).build())))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.SCALE, DEPLOYMENT, "api", null))).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void noExecuteTaintEvictsSoIsDestructive() {
        CommandArguments noExecute = new CommandArgumentsBuilder()
                .taints(List.of(new Taint("k", "v", "NoExecute", null))).build();
        CommandArguments noSchedule = new CommandArgumentsBuilder()
                .taints(List.of(new Taint("k", "v", "NoSchedule", null))).build();
        assertThat(level(named(Verb.TAINT, NODE, "n1", noExecute))).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.TAINT, NODE, "n1", noSchedule))).isEqualTo(RiskLevel.CAUTION);
    }

    @Test
    void bulkWritesAreDestructive() {
        CommandArguments labels = new CommandArgumentsBuilder().labels(Map.of("a", "b")).build();
        assertThat(level(new Command(Verb.LABEL, POD, null, null, null, new Selector("app=web", null), labels, null)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(new Command(Verb.LABEL, POD, "web", null, true, null, labels, null)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.LABEL, POD, null, new CommandArgumentsBuilder().labels(Map.of("a", "b")).all(true).build())))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(named(Verb.ROLLOUT_RESTART, DEPLOYMENT, null, null))).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void writesInSystemNamespacesAreDestructiveWhetherNamedOrDefault() {
        Command restart = new Command(Verb.ROLLOUT_RESTART, DEPLOYMENT, "coredns", "kube-system", null, null, null, null);
        assertThat(level(restart)).isEqualTo(RiskLevel.DESTRUCTIVE);
        Command unqualified = named(Verb.ROLLOUT_RESTART, DEPLOYMENT, "coredns", null);
        assertThat(classifier.classify(unqualified, "kube-system").level()).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(classifier.classify(unqualified, "shop").level()).isEqualTo(RiskLevel.CAUTION);
        Command read = new Command(Verb.GET, POD, null, "kube-system", null, null, null, null);
        assertThat(level(read)).isEqualTo(RiskLevel.SAFE);
    }

    @Test
    void rbacChangesAreDestructive() {
        for (String kind : List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")) {
            ResourceType type = new ResourceType(kind, "rbac.authorization.k8s.io/v1");
            assertThat(level(named(Verb.LABEL, type, "x", new CommandArgumentsBuilder().labels(Map.of("a", "b")).build())))
                    .as(kind).isEqualTo(RiskLevel.DESTRUCTIVE);
        }
        Map<String, Object> binding = Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRoleBinding",
                "metadata", Map.of("name", "me-admin"));
        assertThat(level(new Command(Verb.APPLY, null, null, null, null, null, null, binding)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void manifestsAreRatedByWhatTheyContain() {
        Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c"));
        assertThat(level(new Command(Verb.APPLY, null, null, null, null, null, null, configMap)))
                .isEqualTo(RiskLevel.CAUTION);
        Map<String, Object> intoSystem = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "kube-system"));
        assertThat(level(new Command(Verb.APPLY, null, null, null, null, null, null, intoSystem)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(new Command(Verb.APPLY, null, null, null, null, null, null, List.of(configMap))))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void unreadableCommandsFailClosed() {
        assertThat(level(null)).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(level(new Command(null, POD, "x", null, null, null, null, null))).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void everyRatingSaysWhy() {
        assertThat(classifier.classify(named(Verb.DELETE, POD, "web", null)).reasons()).isNotEmpty();
        assertThat(classifier.classify(named(Verb.GET, POD, null, null)).reasons()).containsExactly("only reads");
    }

    @Test
    void aWriteIsRatedByItsEffectWhateverItsVerb() {
        CommandArguments zero = new CommandArgumentsBuilder().patchType("json")
                .patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":0}]").build();
        assertThat(classifier.classify(named(Verb.PATCH, DEPLOYMENT, "web", zero)).reasons())
                .containsExactly("sets replicas to 0, stopping every pod");
        Map<String, Object> pod = Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "root"),
                "spec", Map.of("hostNetwork", true, "containers", List.of(Map.of("name", "c", "image", "busybox"))));
        assertThat(level(new Command(Verb.CREATE, POD, "root", null, null, null, null, pod))).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void rbacAndControlKindsAreDestructiveHoweverTheyAreCased() {
        Map<String, Object> binding = Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "clusterrolebinding",
                "metadata", Map.of("name", "me-admin"));
        assertThat(level(new Command(Verb.APPLY, new ResourceType("clusterRoleBinding", null), null, null, null, null, null, binding)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        CommandArguments merge = new CommandArgumentsBuilder().patch("{\"subjects\":[{\"kind\":\"User\",\"name\":\"alice\"}]}").build();
        assertThat(level(named(Verb.PATCH, new ResourceType("RoleBinding", "rbac.authorization.k8s.io/v1"), "view", merge)))
                .isEqualTo(RiskLevel.DESTRUCTIVE);
        for (String kind : List.of("ValidatingAdmissionPolicyBinding", "ExecutionPolicy", "ClusterConnection", "CertificateSigningRequest")) {
            assertThat(level(named(Verb.PATCH, new ResourceType(kind, null), "x", merge))).as(kind).isEqualTo(RiskLevel.DESTRUCTIVE);
            assertThat(level(named(Verb.LABEL, new ResourceType(kind, null), "x", null))).as(kind).isEqualTo(RiskLevel.DESTRUCTIVE);
        }
    }
}
