package io.kubechat.operator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.kubechat.crds.v1alpha1.AccessCheck;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authorization decided by the real API server's RBAC for the requester, not for the operator. */
@WithLocalCluster
class AccessReviewIT {

    @Test
    void aUserWithoutRightsIsDeniedWithTheReasonAndEveryCheckRecorded(LocalCluster cluster) {
        String namespace = cluster.createNamespace("authz");
        KindResolver kinds = new KindResolver(cluster.admin());
        Command scale = command(Verb.SCALE, "deploy", "checkout");
        ResourceKind kind = kinds.resolve(scale.resource()).orElseThrow();

        Authorization decision = new AccessReview(cluster.admin())
                .review(new Identity("alice", List.of(LocalCluster.TEST_USERS_GROUP)), RequiredAccess.of(scale, kind, namespace));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).startsWith("alice may not patch deployments/scale.apps checkout in namespace " + namespace);
        assertThat(decision.checks()).singleElement().extracting(AccessCheck::allowed).isEqualTo(false);
    }

    @Test
    void aUserBoundToTheEditRoleMayScaleButNotDrain(LocalCluster cluster) {
        String namespace = cluster.createNamespace("authz");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        KindResolver kinds = new KindResolver(cluster.admin());
        AccessReview review = new AccessReview(cluster.admin());
        Identity bob = new Identity("bob", List.of(LocalCluster.TEST_USERS_GROUP));

        Command scale = command(Verb.SCALE, "Deployment", "checkout");
        assertThat(review.review(bob, RequiredAccess.of(scale, kinds.resolve(scale.resource()).orElseThrow(), namespace)).allowed())
                .isTrue();

        Command drain = command(Verb.DRAIN, "Node", "kwok-node-0");
        Authorization drainDecision = review.review(bob, RequiredAccess.of(drain, kinds.resolve(drain.resource()).orElseThrow(), namespace));
        assertThat(drainDecision.allowed()).isFalse();
        assertThat(drainDecision.checks()).extracting(AccessCheck::allowed).containsExactly(false, false, false);
    }

    @Test
    void aRefusalIsNeverReusedSoARightJustGrantedCountsAtOnce(LocalCluster cluster) {
        String namespace = cluster.createNamespace("authz");
        KindResolver kinds = new KindResolver(cluster.admin());
        AccessReview review = new AccessReview(cluster.admin());
        Identity dave = new Identity("dave", List.of(LocalCluster.TEST_USERS_GROUP));
        Command scale = command(Verb.SCALE, "Deployment", "checkout");
        List<AccessRequirement> needs = RequiredAccess.of(scale, kinds.resolve(scale.resource()).orElseThrow(), namespace);

        assertThat(review.review(dave, needs).allowed()).isFalse();
        cluster.bind(namespace, "dave", "ClusterRole", "edit");
        // RBAC's authorizer sees a new binding within moments; the review asks again rather than remembering the refusal.
        await().atMost(Duration.ofSeconds(10)).until(() -> review.review(dave, needs).allowed());
    }

    @Test
    void groupsCountAsTheApiServerWouldCountThem(LocalCluster cluster) {
        String namespace = cluster.createNamespace("authz");
        cluster.admin().rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("testers-view").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                .addNewSubject().withKind("Group").withName(LocalCluster.TEST_USERS_GROUP).withApiGroup("rbac.authorization.k8s.io").endSubject()
                .build()).create();
        Command get = command(Verb.GET, "pods", null);
        List<AccessRequirement> needs = RequiredAccess.of(get, ResourceKind.PODS, namespace);
        AccessReview review = new AccessReview(cluster.admin());

        assertThat(review.review(new Identity("carol", List.of(LocalCluster.TEST_USERS_GROUP)), needs).allowed()).isTrue();
        assertThat(review.review(new Identity("carol", List.of()), needs).allowed()).isFalse();
    }

    @Test
    void kindsResolveFromDiscoveryByKindPluralOrShortName(LocalCluster cluster) {
        KindResolver kinds = new KindResolver(cluster.admin());
        assertThat(kinds.resolve(new ResourceType("Deployment", null))).contains(
                new ResourceKind("apps", "v1", "deployments", "Deployment", true));
        assertThat(kinds.resolve(new ResourceType("deploy", null)).map(ResourceKind::plural)).contains("deployments");
        assertThat(kinds.resolve(new ResourceType("hpa", null)).map(ResourceKind::group)).contains("autoscaling");
        assertThat(kinds.resolve(new ResourceType("no", null))).contains(ResourceKind.NODES);
        assertThat(kinds.resolve(new ResourceType("Gizmo", null))).isEmpty();
    }

    private static Command command(Verb verb, String kind, String name) {
        return new Command(verb, new ResourceType(kind, null), name, null, null, null, null, null);
    }
}
