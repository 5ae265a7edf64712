package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ClusterConnectionStatus;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps each ClusterConnection's status true to the cluster it names: reachable or not, and its
 * version, probed on every change and again every probe interval.
 */
@ApplicationScoped
@ControllerConfiguration(name = "clusterconnection")
public class ClusterConnectionReconciler implements Reconciler<ClusterConnection> {

    static final String REACHABLE = "Reachable";

    private final KubernetesClient client;
    private final ClusterProbe probe;
    private final Duration interval;
    private final Clock clock;

    public ClusterConnectionReconciler(KubernetesClient client,
            @ConfigProperty(name = "kubechat.cluster-connection.probe-interval", defaultValue = "60s") Duration interval,
            @ConfigProperty(name = "kubechat.cluster-connection.probe-timeout", defaultValue = "5s") Duration timeout) {
        this.client = client;
        this.probe = new ClusterProbe(timeout);
        this.interval = interval;
        this.clock = Clock.systemUTC();
    }

    @Override
    public UpdateControl<ClusterConnection> reconcile(ClusterConnection connection, Context<ClusterConnection> context) {
        ClusterProbe.Outcome outcome = probe.probe(client, connection);
        connection.setStatus(next(connection.getStatus(), connection.getMetadata().getGeneration(), outcome, clock.instant()));
        return UpdateControl.patchStatus(connection).rescheduleAfter(interval);
    }

    static ClusterConnectionStatus next(ClusterConnectionStatus previous, long generation, ClusterProbe.Outcome outcome, Instant now) {
        var conditions = Conditions.set(previous == null ? null : previous.conditions(), REACHABLE,
                outcome.reachable() ? ConditionStatus.True : ConditionStatus.False, outcome.reason(), outcome.message(), generation, now);
        return new ClusterConnectionStatus(generation, conditions, outcome.reachable(), outcome.serverVersion(),
                now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
