package io.kubechat.operator;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the controllers run and every informer is healthy. */
@Readiness
@ApplicationScoped
public class OperatorHealth implements HealthCheck {

    private final OperatorLifecycle lifecycle;

    public OperatorHealth(OperatorLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var runtime = lifecycle.operator().getRuntimeInfo();
        boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
        return HealthCheckResponse.named("operator").status(ready)
                .withData("controllers", runtime.getRegisteredControllers().size())
                .withData("unhealthy", runtime.unhealthyEventSources().keySet().toString())
                .build();
    }
}
