package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * H-2: a gateway admin (or whoever has the admin password) creates a web user in group system:masters and, signed
 * in as that user, reads kube-system through the gateway's impersonation. Web identities must stay under the
 * kubechat: prefix, and system: groups (however spelled) must be refused.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class AdminMintsSystemMastersUserAttackIT {

    @TestHTTPResource("/")
    URI base;

    /** system:masters as written, and its look-alikes: case, whitespace, invisible and full-width characters, Cyrillic. */
    static final List<String> SYSTEM_GROUPS = List.of("system:masters", "System:Masters", " system:masters", "system:masters ",
            "system :masters", "system:\u200bmasters", "sys\u00adtem:masters", "\uff53ystem:masters", "system\uff1amasters",
            "\u0455ystem:masters", "system:authenticated", "SYSTEM:NODES", "system:serviceaccounts:kube-system");

    @Test
    void systemGroupsAreRefusedOnCreateAndEdit() {
        Browser admin = Attacks.admin(base);
        for (String group : SYSTEM_GROUPS) {
            Browser.Reply created = admin.post("/api/v1/admin/users", Map.of("username", "mallory", "password", "mallory-pass-1",
                    "roles", List.of("operator"), "groups", List.of("platform", group)));
            assertThat(created.status()).as("group %s: %s", group, created.text()).isEqualTo(400);
        }
        Attacks.user(admin, "mallet", "operator", List.of("platform"));
        for (String group : SYSTEM_GROUPS) {
            Browser.Reply edited = admin.patch("/api/v1/admin/users/mallet", Map.of("groups", List.of(group)));
            assertThat(edited.status()).as("group %s: %s", group, edited.text()).isEqualTo(400);
        }
    }

    @Test
    void aWebUserIsAKubernetesUserOnlyUnderThePrefix() {
        Browser admin = Attacks.admin(base);
        Attacks.user(admin, "mallet", "operator", List.of("platform"));
        JsonNode me = Attacks.signedIn(base, "mallet").get("/api/v1/me").json();
        assertThat(me.get("kubernetesUser").asText()).isEqualTo("kubechat:mallet");
        assertThat(me.get("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder("kubechat:platform", "kubechat:users");
        // The first administrator is no Kubernetes "admin" either.
        assertThat(admin.get("/api/v1/me").json().get("kubernetesUser").asText()).isEqualTo("kubechat:admin");
        assertThat(admin.get("/api/v1/admin/users").json()).filteredOn(u -> u.get("username").asText().equals("mallet"))
                .extracting(u -> u.get("kubernetesUser").asText()).containsExactly("kubechat:mallet");
    }

    @Test
    void theMintedUserCannotReadKubeSystem() {
        Browser admin = Attacks.admin(base);
        // Whatever the admin manages to store, signed in the user must not be system:masters.
        admin.post("/api/v1/admin/users", Map.of("username", "mallory", "password", "mallory-pass-1",
                "roles", List.of("operator"), "groups", List.of("system:masters")));
        Browser mallory = new Browser(base);
        if (mallory.login("mallory", "mallory-pass-1").status() == 200) {
            assertThat(mallory.get("/api/v1/resources/kube-system/configmaps").status()).isEqualTo(403);
            assertThat(mallory.get("/api/v1/me").json().get("groups")).extracting(JsonNode::asText).doesNotContain("system:masters");
        }
    }
}
