package io.kubechat.operator;

import io.kubechat.operator.identity.IdentityAdmission;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the controllers run, every informer is healthy and the identity admission policies are
 * enforced: without them the operator runs no command, and says so here as well as on each command.
 */
@Readiness
@ApplicationScoped
public class OperatorHealth implements HealthCheck {

    private final OperatorLifecycle lifecycle;
    private final IdentityAdmission identityAdmission;

    public OperatorHealth(OperatorLifecycle lifecycle, IdentityAdmission identityAdmission) {
        this.lifecycle = lifecycle;
        this.identityAdmission = identityAdmission;
    }

    @Override
    public HealthCheckResponse call() {
        var runtime = lifecycle.operator().getRuntimeInfo();
        IdentityAdmission.State admission = identityAdmission.current();
        boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy() && admission.enforced();
        return HealthCheckResponse.named("operator").status(ready)
                .withData("identityAdmission", admission.enforced() ? "enforced" : admission.reason())
                .withData("controllers", runtime.getRegisteredControllers().size())
                .withData("unhealthy", runtime.unhealthyEventSources().keySet().toString())
                .build();
    }
}
