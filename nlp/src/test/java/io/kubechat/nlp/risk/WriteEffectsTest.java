package io.kubechat.nlp.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WriteEffectsTest {

    private static final ResourceType DEPLOYMENT = new ResourceType("Deployment", "apps/v1");
    private static final ResourceType POD = new ResourceType("Pod", "v1");

    private static Command patch(String type, String patch) {
        return new Command(Verb.PATCH, DEPLOYMENT, "web", null, null, null,
                new CommandArgumentsBuilder().patchType(type).patch(patch).build(), null);
    }

    private static Command apply(ResourceType kind, String manifestJson) {
        return new Command(Verb.APPLY, kind, null, null, null, null, null, Serialization.unmarshal(manifestJson, Map.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "merge|{\"spec\":{\"replicas\":0}}",
            "strategic|{\"spec\":{\"replicas\":0}}",
            "merge|{\"spec\":{\"Replicas\":0}}",
            "merge|{\"spec\":{\"replicas\":0.0}}",
            "merge|{\"spec\":{\"replicas\":\"0\"}}",
            "json|[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":0}]",
            "json|[{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"replicas\":0}}]",
            "json|[{\"op\":\"add\",\"path\":\"\",\"value\":{\"spec\":{\"replicas\":0}}}]"})
    void everySpellingOfAPatchToZeroReplicasStopsEveryPod(String type, String patch) {
        assertThat(WriteEffects.of(patch(type, patch))).singleElement().asString().contains("to 0, stopping every pod");
    }

    @Test
    void aPatchToSomeReplicasOrAnotherFieldIsNotDestructive() {
        assertThat(WriteEffects.of(patch("merge", "{\"spec\":{\"replicas\":3}}"))).isEmpty();
        assertThat(WriteEffects.of(patch("json", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2},"
                + "{\"op\":\"remove\",\"path\":\"/metadata/labels/x\"},{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":0}]"))).isEmpty();
        assertThat(WriteEffects.of(patch("merge", "{\"status\":{\"replicas\":0},\"metadata\":{\"labels\":{\"a\":\"b\"}}}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/securityContext/privileged\",\"value\":true}]",
            "[{\"op\":\"add\",\"path\":\"/spec/template/spec/hostPID\",\"value\":true}]",
            "[{\"op\":\"add\",\"path\":\"/spec/template/spec/volumes/-\",\"value\":{\"name\":\"h\",\"hostPath\":{\"path\":\"/\"}}}]",
            "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/securityContext/capabilities/add/-\",\"value\":\"SYS_ADMIN\"}]",
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/hostNetwork\",\"value\":true}]",
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/hostIPC\",\"value\":true}]"})
    void aJsonPatchIsReadAtThePathItWrites(String patch) {
        assertThat(WriteEffects.of(patch("json", patch))).hasSize(1);
    }

    @Test
    void aStrategicPatchThatAddsAPrivilegedHostContainerIsReadThroughItsDirectives() {
        String patch = """
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"}],
                 "containers":[{"name":"c","securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN"]}}}],
                 "volumes":[{"name":"h","hostPath":{"path":"/"}}]}}}}""";
        assertThat(WriteEffects.of(patch("strategic", patch))).containsExactlyInAnyOrder("runs a privileged container",
                "adds Linux capabilities to a container", "mounts a directory of the node (hostPath)");
    }

    @Test
    void aPrivilegedHostPathPodManifestIsDestructiveHoweverItsFieldsAreCased() {
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"root"},"spec":{"hostPID":true,
                 "containers":[{"name":"c","image":"busybox","securityContext":{"privileged":true},"volumeMounts":[{"name":"h","mountPath":"/host"}]}],
                 "volumes":[{"name":"h","hostPath":{"path":"/"}}]}}""";
        assertThat(WriteEffects.of(apply(POD, pod))).containsExactlyInAnyOrder("shares the node's namespaces (hostPID)",
                "runs a privileged container", "mounts a directory of the node (hostPath)");
        assertThat(WriteEffects.of(apply(POD, pod.replace("privileged", "PRIVILEGED")))).contains("runs a privileged container");
        assertThat(WriteEffects.of(apply(POD, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"ok"},"spec":{"containers":[{"name":"c","image":"busybox",
                 "securityContext":{"privileged":false,"capabilities":{"add":[],"drop":["ALL"]}}}]}}"""))).isEmpty();
    }

    @Test
    void aManifestThatSetsReplicasToZeroIsDestructive() {
        assertThat(WriteEffects.of(apply(DEPLOYMENT, "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"replicas\":0}}"))).containsExactly("sets replicas to 0, stopping every pod");
    }

    @Test
    void unicodeLookAlikeFieldNamesCannotBeAnalysed() {
        // U+017F LATIN SMALL LETTER LONG S folds to 's' in case-insensitive decoders: "hoſtPID" could mean hostPID.
        assertThat(WriteEffects.of(patch("merge", "{\"spec\":{\"template\":{\"spec\":{\"ho\u017ftPID\":true}}}}")))
                .singleElement().asString().contains("not plain ASCII");
        // Cyrillic 'р' in "replicas"
        assertThat(WriteEffects.of(patch("merge", "{\"spec\":{\"re\u0440licas\":0}}"))).singleElement().asString().contains("not plain ASCII");
    }

    @Test
    void unreadablePatchesAreThemselvesAReason() {
        assertThat(WriteEffects.of(patch("merge", "{\"spec\":{\"replicas\":3,\"replicas\":0}}"))).singleElement().asString()
                .contains("not valid JSON");
        assertThat(WriteEffects.of(patch("merge", "{\"spec\":"))).singleElement().asString().contains("not valid JSON");
        assertThat(WriteEffects.of(patch("json", "{\"spec\":{}}"))).singleElement().asString().contains("not a list of operations");
        assertThat(WriteEffects.of(patch("json", "[{\"op\":\"copy\",\"from\":\"/spec/x\",\"path\":\"/spec/replicas\"}]")))
                .singleElement().asString().contains("'copy'");
        assertThat(WriteEffects.of(patch("json", "[{\"op\":\"move\",\"from\":\"/spec/x\",\"path\":\"/spec/replicas\"}]")))
                .singleElement().asString().contains("'move'");
    }

    @Test
    void typedArgumentsThatStopEveryPodAreDestructive() {
        Command createZero = new Command(Verb.CREATE, DEPLOYMENT, "web", null, null, null,
                new CommandArgumentsBuilder().image("nginx").replicas(0).build(), null);
        assertThat(WriteEffects.of(createZero)).containsExactly("sets replicas to 0, stopping every pod");
        Command autoscaleZero = new Command(Verb.AUTOSCALE, DEPLOYMENT, "web", null, null, null,
                new CommandArgumentsBuilder().maxReplicas(0).build(), null);
        assertThat(WriteEffects.of(autoscaleZero)).singleElement().asString().contains("0 replicas");
        Command autoscale = new Command(Verb.AUTOSCALE, DEPLOYMENT, "web", null, null, null,
                new CommandArgumentsBuilder().minReplicas(1).maxReplicas(5).build(), null);
        assertThat(WriteEffects.of(autoscale)).isEmpty();
    }

    @Test
    void relaxingPodSecurityOnANamespaceIsDestructive() {
        Command label = new Command(Verb.LABEL, new ResourceType("Namespace", "v1"), "shop", null, null, null,
                new CommandArgumentsBuilder().labels(Map.of("Pod-Security.kubernetes.io/enforce", "privileged")).build(), null);
        assertThat(WriteEffects.of(label)).singleElement().asString().contains("Pod Security");
    }
}
