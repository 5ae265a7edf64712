package io.kubechat.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List CommandExecutions, oldest first.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace.")
    boolean allNamespaces;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (KubernetesClient client = cluster.client()) {
            var resources = client.resources(CommandExecution.class);
            List<CommandExecution> items = new ArrayList<>(allNamespaces ? resources.inAnyNamespace().list().getItems()
                    : resources.inNamespace(cluster.namespace(client)).list().getItems());
            items.sort(Comparator.comparing((CommandExecution ce) -> ce.getMetadata().getCreationTimestamp())
                    .thenComparing(ce -> ce.getMetadata().getName()));
            List<String> headings = new ArrayList<>(List.of("name", "requester", "request", "verb", "risk", "phase", "created"));
            if (allNamespaces) {
                headings.add(0, "namespace");
            }
            Table table = new Table(headings);
            for (CommandExecution ce : items) {
                CommandExecutionStatus s = ce.getStatus();
                List<String> row = new ArrayList<>(List.of(ce.getMetadata().getName(),
                        ce.getSpec().requester() == null ? "" : ce.getSpec().requester().user(),
                        ce.getSpec().request() == null ? "(structured)" : ce.getSpec().request(),
                        s == null || s.translation() == null || s.translation().command() == null ? "" : s.translation().command().verb().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        s == null || s.risk() == null ? "" : s.risk().level().name().toLowerCase(Locale.ROOT),
                        s == null || s.phase() == null ? "Pending" : s.phase().name(),
                        ce.getMetadata().getCreationTimestamp()));
                if (allNamespaces) {
                    row.add(0, ce.getMetadata().getNamespace());
                }
                table.row(row);
            }
            table.print(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}
