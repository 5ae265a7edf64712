package io.kubechat.operator.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.CommandExecution;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    @Test
    void whenTheApiServerStopsAnsweringCommandsGoOnAndTheEventsBeyondTheBacklogAreCounted() throws Exception {
        // Accepts connections and never answers: every sender waits, as on an API server far behind.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(60_000).build()).build()) {
            AtomicInteger dropped = new AtomicInteger();
            EventRecorder events = new EventRecorder(client, Clock.systemUTC(), dropped::incrementAndGet, 1, 2);
            CommandExecution ce = new CommandExecution();
            ce.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("scale-web").withUid("u-1").build());

            for (int i = 0; i < 10; i++) {
                events.normal(ce, "Translated", "step " + i);
            }

            // One being sent, two waiting: the other seven were dropped instead of holding up the caller.
            assertThat(dropped.get()).isEqualTo(7);
        }
    }
}
