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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * L-4: fabric8 appends the container name to the pods/log query string unencoded, so a container of
 * "web&follow=true" turns a bounded read into a stream that holds an operator thread. A container
 * name is a DNS label; anything else is refused when the command is created.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class PodLogContainerParameterInjectionAttackIT {

    private CommandExecutions commands;

    @BeforeEach
    void setUp() {
        LocalCluster cluster = LocalCluster.shared();
        String namespace = cluster.createNamespace("logs");
        commands = new CommandExecutions(cluster, namespace);
        cluster.createRole(namespace, "kubechat-user", "kubechat.io", List.of("commandexecutions"), List.of("create", "get"));
        cluster.bind(namespace, "alice", "Role", "kubechat-user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web&follow=true", "web%26follow%3Dtrue", "web?follow=true", "Web", "web#x", "w\u0435b", "web follow"})
    void aContainerNameThatIsNotADnsLabelIsRefused(String container) {
        assertThatThrownBy(() -> commands.create("alice", "logs-" + Integer.toHexString(container.hashCode()),
                "command: {verb: logs, resource: {kind: Pod}, name: web, arguments: {container: '" + container + "'}}"))
                .as(container).isInstanceOf(KubernetesClientException.class).hasMessageContaining("container");
    }
}
