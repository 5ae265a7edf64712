package io.kubechat.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * java-operator-sdk times each controller's reconcile and cleanup (operator.sdk.controllers.execution.*)
 * without buckets; the dashboard's quantile panels need them.
 */
@Singleton
public class ReconcileHistograms {

    private static final String JOSDK_EXECUTION_TIMERS = "operator.sdk.controllers.execution.";

    @Produces
    @Singleton
    public MeterFilter reconcileHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().startsWith(JOSDK_EXECUTION_TIMERS) && id.getType() == Meter.Type.TIMER
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }
}
