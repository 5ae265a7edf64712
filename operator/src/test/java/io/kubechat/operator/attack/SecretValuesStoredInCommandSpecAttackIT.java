package io.kubechat.operator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * M-4: a CommandExecution that applies, patches or creates a Secret from a manifest keeps the values in
 * its spec, which every reader of CommandExecutions (view) sees, and in its status, Events and the
 * ledger. Such a command must be refused before it is stored, however the kind is spelled.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class SecretValuesStoredInCommandSpecAttackIT {

    private KubernetesClient admin;
    private String namespace;
    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        admin = cluster.admin();
        namespace = cluster.createNamespace("secret-spec");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get", "list"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
        cluster.bind(namespace, "alice", "ClusterRole", "edit");
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("db-creds").endMetadata()
                .addToStringData("password", "old").build()).create();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apply|{verb: apply, resource: {kind: Secret}, manifest: {apiVersion: v1, kind: Secret, metadata: {name: db-creds}, stringData: {password: 'S3cr3t!'}}}",
            "apply-lower-case|{verb: apply, resource: {kind: secrets}, manifest: {apiVersion: v1, kind: Secret, metadata: {name: db-creds}, data: {password: UzNjcjN0IQ==}}}",
            "create|{verb: create, resource: {kind: Secret}, name: other, manifest: {apiVersion: v1, kind: Secret, metadata: {name: other}, stringData: {password: 'S3cr3t!'}}}",
            "manifest-kind-only|{verb: apply, resource: {kind: ConfigMap}, manifest: {apiVersion: v1, kind: secret, metadata: {name: db-creds}, stringData: {password: 'S3cr3t!'}}}",
            "merge-patch|{verb: patch, resource: {kind: Secret}, name: db-creds, arguments: {patchType: merge, patch: '{\"stringData\":{\"password\":\"S3cr3t!\"}}'}}",
            "json-patch|{verb: patch, resource: {kind: SECRET}, name: db-creds, arguments: {patchType: json, patch: '[{\"op\":\"replace\",\"path\":\"/data/password\",\"value\":\"UzNjcjN0IQ==\"}]'}}"})
    void aSecretWrittenThroughACommandIsRefusedBeforeItsValuesAreStored(String spelling, String command) {
        String name = "secret-" + spelling;
        assertThatThrownBy(() -> commands.create("alice", name, "command: " + command)).as(spelling)
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("Secret");
        CommandExecution stored = admin.resources(CommandExecution.class).inNamespace(namespace).withName(name).get();
        assertThat(stored == null ? "" : Serialization.asJson(stored)).doesNotContain("S3cr3t!").doesNotContain("UzNjcjN0IQ==");
        assertThat(admin.v1().events().inNamespace(namespace).list().getItems()).noneSatisfy(e ->
                assertThat(e.getMessage()).contains("S3cr3t!"));
        assertThat(admin.secrets().inNamespace(namespace).withName("db-creds").get().getData().get("password")).isEqualTo("b2xk");
    }
}
