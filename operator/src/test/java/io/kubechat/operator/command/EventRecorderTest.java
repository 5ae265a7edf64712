package io.kubechat.operator.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubechat.crds.v1alpha1.CommandExecution;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    @Test
    void whenTheBacklogIsFullTheCallerSendsTheEventItselfAndNoneIsDropped() throws Exception {
        // Accepts connections and never answers, as an API server far behind: every send times out.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(1_000)
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            List<String> failedOn = new CopyOnWriteArrayList<>();
            EventRecorder events = new EventRecorder(client, Clock.systemUTC(), () -> failedOn.add(Thread.currentThread().getName()), 1, 2);
            CommandExecution ce = new CommandExecution();
            ce.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("scale-web").withUid("u-1").build());

            for (int i = 0; i < 4; i++) {
                events.normal(ce, "Translated", "step " + i);
            }

            // One being sent, two waiting: the fourth was sent by the caller, which waited for it.
            assertThat(failedOn).contains(Thread.currentThread().getName());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(failedOn).hasSize(4));
        }
    }
}
