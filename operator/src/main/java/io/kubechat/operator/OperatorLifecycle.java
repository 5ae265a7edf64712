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
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    static final String LEASE_NAME = "kubechat-operator";

    @Inject
    public OperatorLifecycle(KubernetesClient client, Instance<Reconciler<?>> reconcilers,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String namespace,
            @ConfigProperty(name = "kubechat.operator.leader-election", defaultValue = "true") boolean leaderElection) {
        this.reconcilers = reconcilers;
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
            if (leaderElection) {
                // Replicas stand by until they hold the lease; one that loses it exits and restarts as a standby.
                o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                        .withLeaseNamespace(namespace).withIdentity(identity()).build());
            }
        });
    }

    /** The pod's name in a cluster; host and process elsewhere, so two processes on one machine differ. */
    static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return host + "-" + ProcessHandle.current().pid();
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
