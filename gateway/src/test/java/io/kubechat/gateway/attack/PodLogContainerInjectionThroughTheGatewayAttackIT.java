package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-4, the gateway half: the resource explorer's pod-log endpoint passed {@code ?container=} to fabric8,
 * which appends it to the pods/log query unencoded, so "web&follow=true" turned a bounded read into a
 * stream that holds a gateway thread. A container name that is not a DNS label is refused with a 400.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class PodLogContainerInjectionThroughTheGatewayAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aContainerParameterCarryingQueryParametersIsRefused() throws Exception {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "alice", "operator", List.of());
        Browser alice = Attacks.signedIn(base, "alice");
        for (String container : List.of("web%26follow%3Dtrue", "web%3Ffollow%3Dtrue", "WEB", "web%23x")) {
            Browser.Reply reply = alice.get("/api/v1/resources/" + GatewayEnvironment.SHOP + "/pods/checkout-0/logs?container=" + container);
            assertThat(reply.status()).as(container).isEqualTo(400);
            assertThat(reply.text()).contains("not a container name");
        }
    }
}
