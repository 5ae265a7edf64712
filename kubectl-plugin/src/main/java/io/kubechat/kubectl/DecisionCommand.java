package io.kubechat.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Approval;
import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Identity;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Approves or rejects a held CommandExecution as the current user. The API server checks at admission
 * that the approver written is that user and that they hold the verb approve; the operator checks the policy.
 */
abstract class DecisionCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAME", description = "The CommandExecution awaiting approval.")
    String name;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded in the audit ledger.")
    String reason;

    @Spec
    CommandSpec spec;

    abstract ApprovalDecision decision();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = cluster.client()) {
            String namespace = cluster.namespace(client);
            var resource = client.resources(CommandExecution.class).inNamespace(namespace).withName(name);
            CommandExecution ce = resource.get();
            if (ce == null) {
                err.println("error: commandexecution " + name + " not found in namespace " + namespace);
                return ExitCodes.NOT_SUCCEEDED;
            }
            ExecutionPhase phase = ce.getStatus() == null ? null : ce.getStatus().phase();
            if (phase != ExecutionPhase.AwaitingApproval) {
                err.println("error: commandexecution " + name + " is " + (phase == null ? "not yet processed" : phase)
                        + ", not awaiting approval");
                return ExitCodes.NOT_SUCCEEDED;
            }
            Identity me = ClusterOptions.whoAmI(client);
            Approval approval = new Approval(decision(), me, reason);
            // A merge patch of spec.approval alone: the rest of the spec is immutable, and this cannot overwrite it.
            String patch = Serialization.asJson(Map.of("spec", Map.of("approval", approval)));
            try {
                resource.patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build(), patch);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 403 || e.getCode() == 422 || e.getCode() == 400) {
                    err.println("error: " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
                    return ExitCodes.NOT_SUCCEEDED;
                }
                throw e;
            }
            String word = decision() == ApprovalDecision.APPROVED ? "approved" : "rejected";
            out.println("commandexecution.kubechat.io/" + name + " " + word + " by " + me.user()
                    + " (the operator checks the policy and records the decision in the audit ledger)");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
