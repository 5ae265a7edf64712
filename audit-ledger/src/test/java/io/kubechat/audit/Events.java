package io.kubechat.audit;

import java.util.List;

/** Realistic events for tests. */
final class Events {

    private Events() {
    }

    static AuditEvent command(int i) {
        return AuditEvent.builder(i % 3 == 0 ? "command_executed" : "command_requested")
                .actor(new Actor("danny" + (i % 4), List.of("dev", "team-" + (i % 2)), "10.0.0." + (i % 250),
                        "Mozilla/5.0"))
                .cluster(i % 2 == 0 ? "prod" : "staging")
                .namespace("shop-" + (i % 5))
                .sessionRef("session-" + (i % 7))
                .commandRef("ce-" + i)
                .requestText("scale the checkout deployment to " + (i % 10) + " replicas")
                .command("{\"verb\":\"scale\",\"kind\":\"Deployment\",\"name\":\"checkout\",\"replicas\":" + (i % 10) + "}")
                .kubectl("kubectl scale deployment/checkout --replicas=" + (i % 10) + " -n shop-" + (i % 5))
                .riskLevel(i % 10 == 0 ? "destructive" : "caution")
                .decision("allowed")
                .reason("SubjectAccessReview allowed")
                .outcome(i % 6 == 0 ? "failed" : "succeeded")
                .result("deployment.apps/checkout scaled (" + i + ")")
                .build();
    }
}
