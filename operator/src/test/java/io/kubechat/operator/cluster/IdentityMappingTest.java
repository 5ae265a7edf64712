package io.kubechat.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityMappingTest {

    private static final Identity ALICE = new Identity("alice", List.of("kubechat:users", "sre", "system:authenticated", "system:masters"));

    @Test
    void theLocalClusterSeesTheRequesterAsAuthenticated() {
        assertThat(IdentityMapping.LOCAL.map(ALICE)).contains(ALICE);
    }

    @Test
    void aConnectionClaimsOnlyTheGroupsItForwardsAndNeverASystemGroup() {
        IdentityMapping mapping = new IdentityMapping(null, List.of("sre", "system:masters"));
        assertThat(mapping.map(ALICE)).contains(new Identity("alice", List.of("sre")));
        assertThat(new IdentityMapping(null, List.of()).map(ALICE)).contains(new Identity("alice", List.of()));
    }

    @Test
    void aPrefixMarksTheNameAsTheHubsAndLetsLocalServiceAccountsThrough() {
        Identity robot = new Identity("system:serviceaccount:ci:deployer", List.of("system:serviceaccounts"));
        assertThat(new IdentityMapping("hub:", List.of()).map(robot)).contains(new Identity("hub:system:serviceaccount:ci:deployer", List.of()));
        assertThat(new IdentityMapping(null, List.of()).map(robot)).isEmpty();
        assertThat(new IdentityMapping("hub:", List.of()).map(ALICE)).contains(new Identity("hub:alice", List.of()));
    }
}
