package io.kubechat.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.kubechat.operator.cluster.ClusterConnectionReconciler;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final String namespace;

    static final String LEASE_NAME = "kubechat-operator";

    @Inject
    public OperatorLifecycle(KubernetesClient client, Instance<Reconciler<?>> reconcilers, MeterRegistry registry,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String namespace,
            @ConfigProperty(name = "kubechat.operator.leader-election", defaultValue = "true") boolean leaderElection,
            @ConfigProperty(name = "kubechat.operator.cache-sync-timeout", defaultValue = "5m") Duration cacheSyncTimeout) {
        this.reconcilers = reconcilers;
        this.namespace = namespace;
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    // A busy API server (or node) may take long to list everything; starting late beats stopping.
                    .withCacheSyncTimeout(cacheSyncTimeout)
                    // Per controller, not per resource: 10,000 CommandExecutions must not mean 10,000 series.
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
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
            if (reconciler instanceof ClusterConnectionReconciler connections) {
                // ClusterConnections and their kubeconfig Secrets live in the operator's namespace, the only one whose Secrets it may read.
                operator.register(connections, configuration -> configuration.settingNamespace(namespace));
            } else {
                operator.register(reconciler);
            }
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
