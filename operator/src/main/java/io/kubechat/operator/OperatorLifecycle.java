package io.kubechat.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs java-operator-sdk inside Quarkus: every Reconciler bean is registered on the client Quarkus
 * configures, started with the application and stopped with it.
 */
@ApplicationScoped
public class OperatorLifecycle {

    private static final Logger LOG = Logger.getLogger(OperatorLifecycle.class);

    private final Operator operator;
    private final Instance<Reconciler<?>> reconcilers;

    @Inject
    public OperatorLifecycle(KubernetesClient client, Instance<Reconciler<?>> reconcilers) {
        this.reconcilers = reconcilers;
        this.operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withReconciliationTerminationTimeout(Duration.ofSeconds(10)));
    }

    void start(@Observes StartupEvent event) {
        for (Reconciler<?> reconciler : reconcilers) {
            operator.register(reconciler);
        }
        operator.start();
        LOG.infof("operator started with %d controllers", operator.getRegisteredControllersNumber());
    }

    void stop(@Observes ShutdownEvent event) {
        operator.stop();
    }

    public Operator operator() {
        return operator;
    }
}
