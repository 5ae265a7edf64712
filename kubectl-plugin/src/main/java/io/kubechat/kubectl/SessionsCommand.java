package io.kubechat.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.ChatSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sessions", description = "List ChatSessions: owner, title, default namespace, messages, last activity.")
final class SessionsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace.")
    boolean allNamespaces;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (KubernetesClient client = cluster.client()) {
            var resources = client.resources(ChatSession.class);
            List<ChatSession> items = new ArrayList<>(allNamespaces ? resources.inAnyNamespace().list().getItems()
                    : resources.inNamespace(cluster.namespace(client)).list().getItems());
            items.sort(Comparator.comparing((ChatSession cs) -> cs.getMetadata().getNamespace()).thenComparing(cs -> cs.getMetadata().getName()));
            Table table = new Table(List.of("namespace", "name", "owner", "title", "default namespace", "messages", "last activity"));
            for (ChatSession cs : items) {
                var spec = cs.getSpec();
                var status = cs.getStatus();
                table.row(java.util.Arrays.asList(cs.getMetadata().getNamespace(), cs.getMetadata().getName(),
                        spec.owner() == null ? "" : spec.owner().user(), spec.title(), spec.namespace(),
                        status == null || status.messageCount() == null ? "0" : status.messageCount().toString(),
                        status == null ? "" : status.lastActivityTime()));
            }
            table.print(this.spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}
