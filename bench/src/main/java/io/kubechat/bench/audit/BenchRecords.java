package io.kubechat.bench.audit;

import io.kubechat.audit.Actor;
import io.kubechat.audit.AuditEvent;

import java.util.List;

/** Realistic audit events of steady size (about 600 bytes per row), the same for the baseline and the ledger. */
final class BenchRecords {


    private BenchRecords() {
    }

    static AuditEvent event(long i) {
        int n = (int) (i % 1000);
        return AuditEvent.builder(n % 3 == 0 ? "command_executed" : "command_requested")
                .actor(new Actor("user-" + (n % 50), List.of("developers", "team-" + (n % 8)), "10.0." + (n % 200) + ".7",
                        "Mozilla/5.0 (X11; Linux x86_64) KubeChat/0.1"))
                .cluster("cluster-" + (n % 3))
                .namespace("namespace-" + (n % 40))
                .sessionRef("session-" + String.format("%06d", i / 20))
                .commandRef("ce-" + String.format("%09d", i))
                .requestText("please scale the checkout deployment in namespace-" + (n % 40) + " to " + (n % 9) + " replicas")
                .command("{\"verb\":\"scale\",\"resource\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"},"
                        + "\"name\":\"checkout\",\"namespace\":\"namespace-" + (n % 40) + "\",\"replicas\":" + (n % 9) + "}")
                .kubectl("kubectl scale deployment/checkout --replicas=" + (n % 9) + " -n namespace-" + (n % 40))
                .riskLevel(n % 9 == 0 ? "destructive" : "caution")
                .decision("allowed")
                .reason("SubjectAccessReview allowed update on deployments/scale")
                .outcome(n % 17 == 0 ? "failed" : "succeeded")
                .result("deployment.apps/checkout scaled from " + ((n + 1) % 9) + " to " + (n % 9) + " replicas")
                .build();
    }
}
