package io.kubechat.operator.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ClusterConnectionStatus;
import io.kubechat.operator.testing.OperatorOnLocalCluster;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * M-7: whoever may write a kubeconfig Secret in the operator's namespace must not get the operator to run
 * a program (exec credential plugin, auth-provider), read its files (client-key, tokenFile, certificate
 * authority paths) or talk to a server without verifying it. Such a kubeconfig is refused before use.
 */
@QuarkusTest
@QuarkusTestResource(OperatorOnLocalCluster.class)
class ExecPluginKubeconfigAttackIT {

    private static final String OPERATOR_NAMESPACE = OperatorOnLocalCluster.OPERATOR_NAMESPACE;

    private final LocalCluster cluster = LocalCluster.shared();
    private final KubernetesClient admin = cluster.admin();

    /** The local admin kubeconfig with its user's credentials replaced by {@code user}. */
    @SuppressWarnings("unchecked")
    private String kubeconfigWith(Map<String, Object> user, Map<String, Object> clusterChanges) throws Exception {
        Map<String, Object> config = Serialization.unmarshal(Files.readString(cluster.kubeconfig("admin")), Map.class);
        Map<String, Object> namedUser = ((java.util.List<Map<String, Object>>) config.get("users")).get(0);
        namedUser.put("user", user);
        Map<String, Object> namedCluster = ((java.util.List<Map<String, Object>>) config.get("clusters")).get(0);
        ((Map<String, Object>) namedCluster.get("cluster")).putAll(clusterChanges);
        return Serialization.asYaml(config);
    }

    /** Cluster changes that drop the inline CA and set {@code key}. */
    private static Map<String, Object> withoutCaData(String key, Object value) {
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("certificate-authority-data", null);
        changes.put(key, value);
        return changes;
    }

    private ClusterConnectionStatus connect(String kubeconfig) {
        String name = "untrusted-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        admin.secrets().inNamespace(OPERATOR_NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData("kubeconfig", kubeconfig).build()).create();
        admin.resource(Serialization.unmarshal("""
                {"apiVersion":"kubechat.io/v1alpha1","kind":"ClusterConnection","metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"displayName":"evil","kubeconfigSecretRef":{"name":"%s"}}}""".formatted(name, OPERATOR_NAMESPACE, name),
                ClusterConnection.class)).create();
        return admin.resources(ClusterConnection.class).inNamespace(OPERATOR_NAMESPACE).withName(name)
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().conditions() != null, 60, TimeUnit.SECONDS)
                .getStatus();
    }

    @Test
    void anExecCredentialPluginIsNeverRun() throws Exception {
        Path marker = Files.createTempDirectory("exec-plugin").resolve("pwned");
        Map<String, Object> exec = Map.of("apiVersion", "client.authentication.k8s.io/v1", "command", "/bin/sh",
                "args", java.util.List.of("-c", "touch " + marker + "; echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                        + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"x\"}}'"),
                "interactiveMode", "Never");
        ClusterConnectionStatus status = connect(kubeconfigWith(Map.of("exec", exec), Map.of()));

        assertThat(status.reachable()).isFalse();
        assertThat(status.conditions().get(0).reason()).isEqualTo("UntrustedKubeconfig");
        assertThat(status.conditions().get(0).message()).contains("exec");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-files", "token-file", "auth-provider", "ca-file", "insecure"})
    void kubeconfigsThatReachIntoTheOperatorOrSkipVerificationAreRefused(String variant) throws Exception {
        Path pki = cluster.dir().resolve("pki");
        String kubeconfig = switch (variant) {
            case "client-files" -> kubeconfigWith(Map.of("client-certificate", pki.resolve("admin.crt").toString(),
                    "client-key", pki.resolve("admin.key").toString()), Map.of());
            case "token-file" -> kubeconfigWith(Map.of("tokenFile", pki.resolve("admin.key").toString()), Map.of());
            case "auth-provider" -> kubeconfigWith(Map.of("auth-provider", Map.of("name", "oidc", "config",
                    Map.of("idp-issuer-url", "https://127.0.0.1:1", "client-id", "x", "id-token", "x", "refresh-token", "x"))), Map.of());
            case "ca-file" -> kubeconfigWith(Map.of("client-certificate-data", "eA==", "client-key-data", "eA=="),
                    withoutCaData("certificate-authority", pki.resolve("ca.crt").toString()));
            default -> kubeconfigWith(Map.of("token", "x"), withoutCaData("insecure-skip-tls-verify", true));
        };
        ClusterConnectionStatus status = connect(kubeconfig);
        assertThat(status.reachable()).as(variant).isFalse();
        assertThat(status.conditions().get(0).reason()).as(variant).isEqualTo("UntrustedKubeconfig");
    }
}
