package io.kubechat.operator.testing;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.audit.AuditLedger;
import io.kubechat.audit.AuditRecord;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.testsupport.LocalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** CommandExecutions in one test namespace, created and decided by the local cluster's users, and their audit records. */
public final class CommandExecutions {

    private final LocalCluster cluster;
    private final String namespace;

    public CommandExecutions(LocalCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /** Creates one as {@code user}, who is also its requester; {@code specYaml} holds the rest of the spec. */
    public void create(String user, String name, String specYaml) {
        String yaml = "apiVersion: kubechat.io/v1alpha1\nkind: CommandExecution\nmetadata: {name: " + name + "}\nspec:\n"
                + (specYaml + "\nrequester: {user: " + user + ", groups: [\"" + LocalCluster.TEST_USERS_GROUP + "\"]}").indent(2);
        cluster.as(user).resource(Serialization.unmarshal(yaml, CommandExecution.class)).inNamespace(namespace).create();
    }

    public void approve(String approver, String name) {
        decide(approver, name, "approved");
    }

    public void reject(String approver, String name) {
        decide(approver, name, "rejected");
    }

    private void decide(String approver, String name, String decision) {
        cluster.as(approver).resources(CommandExecution.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"approval\":{\"decision\":\"" + decision + "\",\"approver\":{\"user\":\"" + approver + "\"}}}}");
    }

    public CommandExecutionStatus awaitFinal(String name) {
        return await(name, s -> s.phase() != null && s.phase().isTerminal());
    }

    public CommandExecutionStatus await(String name, Predicate<CommandExecutionStatus> condition) {
        return cluster.admin().resources(CommandExecution.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(c -> c != null && c.getStatus() != null && condition.test(c.getStatus()), 60, TimeUnit.SECONDS)
                .getStatus();
    }

    /** The ledger's records of one CommandExecution, in order. */
    public List<AuditRecord> audited(AuditLedger ledger, String name) {
        List<AuditRecord> records = new ArrayList<>();
        String ref = namespace + "/" + name + "/";
        ledger.records(1, ledger.size(), r -> {
            if (r.event().commandRef() != null && r.event().commandRef().startsWith(ref)) {
                records.add(r);
            }
            return true;
        });
        return records;
    }
}
