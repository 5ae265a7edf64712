package io.kubechat.kubectl;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.LocalReference;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Creates a CommandExecution from words, as the current user, and follows it to its outcome. */
@Command(name = "ask", description = {
        "Ask in plain words, for example: kubectl kubechat ask \"scale checkout to 5\" -n shop",
        "Prints the preview (kubectl equivalent, explanation, risk), waits for approval when the command needs one "
                + "(with --wait-approval), then the result."})
final class AskCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The request; several words are joined with spaces.")
    String[] words;

    @Option(names = "--session", paramLabel = "NAME", description = "The ChatSession the request belongs to (its namespace and context apply).")
    String session;

    @Option(names = "--wait-approval", description = "When the command is held for approval, wait for the decision instead of exiting with code 3.")
    boolean waitApproval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the outcome, for example 90s or 1h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = cluster.client()) {
            String namespace = cluster.namespace(client);
            Identity requester = ClusterOptions.whoAmI(client);
            CommandExecution ce = new CommandExecution();
            ce.setMetadata(new ObjectMetaBuilder().withGenerateName("ask-").withNamespace(namespace).build());
            ce.setSpec(new CommandExecutionSpec(String.join(" ", words), null,
                    session == null ? null : new LocalReference(session), null, requester, null));
            CommandExecution created = client.resource(ce).create();
            String name = created.getMetadata().getName();
            out.println("commandexecution.kubechat.io/" + name + " created in namespace " + namespace + " as " + requester.user());
            out.flush();
            return Outcome.follow(client, namespace, name, requester, waitApproval, timeout, out, err);
        }
    }
}
