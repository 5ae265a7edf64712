package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubechat.gateway.GatewayEnvironment;
import io.kubechat.gateway.MockOidcProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * H-2, OIDC: preferred_username is neither unique nor stable, so a second IdP user who calls herself "Carol" must
 * not sign in to the account (sessions, approvals, Kubernetes identity) of the first "carol". Accounts are the
 * issuer's subject; and an IdP group called system:masters gives nothing in Kubernetes.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MockOidcProvider.class, restrictToAnnotatedClass = true)
class OidcUsernameCollisionAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSecondSubjectWithTheSameUsernameIsRefused() throws Exception {
        OidcBrowser first = new OidcBrowser(base);
        assertThat(first.signIn("subject-carol-1", "{\"preferred_username\":\"carol.oidc\",\"groups\":[\"platform\"]}").statusCode())
                .isEqualTo(303);
        JsonNode carol = first.me();
        assertThat(carol.get("username").asText()).isEqualTo("carol.oidc");

        for (String name : new String[] {"carol.oidc", "Carol.OIDC", " carol.oidc "}) {
            OidcBrowser impostor = new OidcBrowser(base);
            HttpResponse<String> at = impostor.signIn("subject-mallory-" + name.strip().length() + name.hashCode(),
                    "{\"preferred_username\":\"" + name + "\"}");
            JsonNode me = impostor.me();
            assertThat(me == null ? null : me.get("kubernetesUser").asText())
                    .as("%s signed in as %s (%s)", name, me, at.statusCode()).isNotEqualTo(carol.get("kubernetesUser").asText());
            assertThat(at.statusCode()).as(at.body()).isEqualTo(409);
        }

        // The same subject signs in again to the same account, even under a new preferred_username.
        OidcBrowser again = new OidcBrowser(base);
        assertThat(again.signIn("subject-carol-1", "{\"preferred_username\":\"carol.renamed\"}").statusCode()).isEqualTo(303);
        assertThat(again.me().get("kubernetesUser").asText()).isEqualTo(carol.get("kubernetesUser").asText());
    }

    @Test
    void anIdpGroupNamedSystemMastersGivesNoSystemGroup() throws Exception {
        OidcBrowser b = new OidcBrowser(base);
        assertThat(b.signIn("subject-grouper", "{\"preferred_username\":\"grouper\",\"groups\":[\"system:masters\",\"System:Masters\",\"team\"]}")
                .statusCode()).isEqualTo(303);
        JsonNode me = b.me();
        assertThat(me.get("groups")).extracting(JsonNode::asText)
                .noneMatch(g -> g.toLowerCase(java.util.Locale.ROOT).replace("oidc:", "").startsWith("system:"))
                .contains("oidc:team");
    }
}
