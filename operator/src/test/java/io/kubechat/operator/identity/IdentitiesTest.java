package io.kubechat.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    @Test
    void systemGroupsAndUsersAreNeverActedFor() {
        assertThat(Identities.refusal(new Identity("alice", List.of("system:masters")), "requester"))
                .hasValueSatisfying(why -> assertThat(why).contains("system:masters"));
        assertThat(Identities.refusal(new Identity("system:kube-controller-manager", null), "requester")).isPresent();
        assertThat(Identities.refusal(new Identity("system:anonymous", List.of("system:unauthenticated")), "approver")).isPresent();
    }

    @Test
    void serviceAccountsAndAuthenticatedUsersAre() {
        assertThat(Identities.refusal(new Identity("system:serviceaccount:ci:deployer",
                List.of("system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated")), "requester")).isEmpty();
        assertThat(Identities.refusal(new Identity("kubechat:alice", List.of("kubechat:developers")), "requester")).isEmpty();
    }

    @Test
    void namesThatOnlyLookDifferentAreTheSameName() {
        assertThat(Identities.lookAlike("bob", "Bob")).isTrue();
        assertThat(Identities.lookAlike("bob", "\uff42\uff4f\uff42")).isTrue();
        assertThat(Identities.lookAlike("bob", "bob\u200b")).isTrue();
        assertThat(Identities.lookAlike("bob", " bob")).isTrue();
        assertThat(Identities.lookAlike("bob", "rob")).isFalse();
    }

    @Test
    void theShippedPoliciesAreReadWithTheirParametersInTheOperatorsNamespace() {
        List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> shipped = IdentityAdmission.shipped("olm-ns", "kubechat-gateway",
                "kubechat-operator");
        assertThat(shipped).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ConfigMap/kubechat-identity",
                "ValidatingAdmissionPolicy/kubechat-command-identity", "ValidatingAdmissionPolicyBinding/kubechat-command-identity",
                "ValidatingAdmissionPolicy/kubechat-command-status", "ValidatingAdmissionPolicyBinding/kubechat-command-status",
                "ValidatingAdmissionPolicy/kubechat-session-owner", "ValidatingAdmissionPolicyBinding/kubechat-session-owner");
        assertThat(shipped.get(0).getMetadata().getNamespace()).isEqualTo("olm-ns");
        assertThat(shipped.get(0).getAdditionalProperties().get("data").toString())
                .contains("gatewayUser=system:serviceaccount:olm-ns:kubechat-gateway", "sessionsNamespace=olm-ns");
        assertThat(shipped.get(2).getAdditionalProperties().get("spec").toString()).contains("namespace=olm-ns");
    }
}
