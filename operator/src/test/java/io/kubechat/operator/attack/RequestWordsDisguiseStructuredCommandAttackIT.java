package io.kubechat.operator.attack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.operator.testing.CommandExecutions;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * L-7: with both spec.request and spec.command, the command runs while the words are what the ledger's
 * request text, the chat history and kubectl get show: "restart deployment web" that deletes it. A
 * CommandExecution carries one or the other.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class RequestWordsDisguiseStructuredCommandAttackIT {

    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        String namespace = cluster.createNamespace("disguise");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
    }

    @Test
    void wordsAndACommandTogetherAreRefused() {
        assertThatThrownBy(() -> commands.create("alice", "disguised",
                "request: restart deployment web\ncommand: {verb: delete, resource: {kind: Deployment}, name: web}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("mutually exclusive");
    }
}
