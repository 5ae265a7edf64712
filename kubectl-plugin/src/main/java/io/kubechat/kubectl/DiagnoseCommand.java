package io.kubechat.kubectl;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks the operator why an object is unhealthy, as a structured diagnose command, and prints the findings. */
@picocli.CommandLine.Command(name = "diagnose", description = {
        "Why an object is unhealthy, with the evidence and a fix to run, for example: kubectl kubechat diagnose deploy/checkout -n shop",
        "Reads only, as you: the pods, events, nodes and logs you may see."})
final class DiagnoseCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "KIND/NAME", description = "The object, as kubectl names it: deploy/checkout, pod/api-5d7, node/worker-1.")
    String object;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for the diagnosis (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int slash = object.indexOf('/');
        if (slash <= 0 || slash == object.length() - 1) {
            throw new ParameterException(spec.commandLine(), "name the object as KIND/NAME, for example deploy/checkout");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = cluster.client()) {
            String namespace = cluster.namespace(client);
            Identity requester = ClusterOptions.whoAmI(client);
            Command command = new Command(Verb.DIAGNOSE, new ResourceType(object.substring(0, slash), null),
                    object.substring(slash + 1).toLowerCase(java.util.Locale.ROOT), namespace, null, null, null, null);
            CommandExecution ce = new CommandExecution();
            ce.setMetadata(new ObjectMetaBuilder().withGenerateName("diagnose-").withNamespace(namespace).build());
            ce.setSpec(new CommandExecutionSpec(null, command, null, null, requester, null));
            String name = client.resource(ce).create().getMetadata().getName();
            out.println("commandexecution.kubechat.io/" + name + " created in namespace " + namespace + " as " + requester.user());
            out.flush();
            return Outcome.follow(client, namespace, name, requester, false, timeout, out, spec.commandLine().getErr());
        }
    }
}
