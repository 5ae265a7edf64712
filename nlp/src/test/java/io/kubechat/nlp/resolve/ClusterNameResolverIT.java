package io.kubechat.nlp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names in requests resolved against objects on the real local control plane. */
@WithLocalCluster
class ClusterNameResolverIT {

    private static void deployment(KubernetesClient client, String namespace, String name) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    private static void service(KubernetesClient client, String namespace, String name) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
    }

    private static TranslationResult translate(LocalCluster cluster, String namespace, String text) {
        EmbeddedTranslator translator = new EmbeddedTranslator(new ClusterNameResolver(cluster.admin()));
        return translator.translate(new TranslationRequest(text, namespace, null));
    }

    @Test
    void aNameThatOnlyADeploymentHasBecomesThatDeployment(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-resolve");
        deployment(cluster.admin(), ns, "nginx");
        assertThat(translate(cluster, ns, "show the logs of nginx").translation().kubectl())
                .isEqualTo("kubectl logs deployment/nginx");
        assertThat(translate(cluster, ns, "describe nginx").translation().kubectl())
                .isEqualTo("kubectl describe deployment nginx");
        TranslationResult delete = translate(cluster, ns, "delete nginx");
        assertThat(delete.translation().kubectl()).isEqualTo("kubectl delete deployment nginx");
        assertThat(delete.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    @Test
    void theCheckoutDeploymentMatchesCheckout(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-resolve");
        deployment(cluster.admin(), ns, "checkout");
        TranslationResult result = translate(cluster, ns, "restart the checkout deployment");
        assertThat(result.translation().kubectl()).isEqualTo("kubectl rollout restart deployment checkout");
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void aPartOfAUniqueNameIsOfferedNotAssumed(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-resolve");
        deployment(cluster.admin(), ns, "api-gateway");
        TranslationResult result = translate(cluster, ns, "scale deployment gateway to 2");
        assertThat(result.understood()).isFalse();
        assertThat(result.clarification().choices()).extracting(c -> c.kubectl())
                .containsExactly("kubectl scale deployment api-gateway --replicas=2");
    }

    @Test
    void aNameSeveralKindsShareMeansTheWorkloadForReadsAndAsksForADelete(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-resolve");
        deployment(cluster.admin(), ns, "web");
        service(cluster.admin(), ns, "web");
        assertThat(translate(cluster, ns, "describe web").translation().kubectl()).isEqualTo("kubectl describe deployment web");
        TranslationResult delete = translate(cluster, ns, "delete web");
        assertThat(delete.understood()).isFalse();
        assertThat(delete.clarification().choices()).extracting(c -> c.kubectl())
                .contains("kubectl delete deployment web", "kubectl delete service web");
    }

    @Test
    void namesAreLookedUpInTheNamespaceTheRequestNames(LocalCluster cluster) {
        String shop = cluster.createNamespace("nlp-shop");
        String other = cluster.createNamespace("nlp-other");
        deployment(cluster.admin(), shop, "cart");
        service(cluster.admin(), other, "cart");
        assertThat(translate(cluster, other, "describe cart in " + shop).translation().kubectl())
                .isEqualTo("kubectl describe deployment cart -n " + shop);
    }

    @Test
    void aNameNoObjectHasIsAskedAboutNeverUsed(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-resolve");
        TranslationResult scale = translate(cluster, ns, "scale deployment ghost to 2");
        assertThat(scale.understood()).isFalse();
        assertThat(scale.clarification().question()).contains("found no deployment named ghost");
        assertThat(translate(cluster, ns, "delete ghost").command()).isNull();
    }

    @Test
    void aRequesterWhoMayNotListNamespacesIsGroundedInTheNamespacesTheOperatorNames(LocalCluster cluster) {
        String ns = cluster.createNamespace("nlp-unlisted");
        deployment(cluster.admin(), ns, "checkout");
        cluster.bind(ns, "bob", "ClusterRole", "view");
        TranslationRequest request = new TranslationRequest("scale checkout to 2", "default", null);
        TranslationResult blind = new EmbeddedTranslator(new ClusterNameResolver(cluster.as("bob"))).translate(request);
        assertThat(blind.command()).isNull();
        TranslationResult grounded = new EmbeddedTranslator(new ClusterNameResolver(cluster.as("bob"), () -> List.of("default", ns)))
                .translate(request);
        assertThat(grounded.translation().kubectl()).isEqualTo("kubectl scale deployment checkout -n " + ns + " --replicas=2");
    }
}
