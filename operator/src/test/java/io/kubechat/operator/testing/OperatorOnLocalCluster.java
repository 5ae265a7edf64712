package io.kubechat.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.testsupport.LocalCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the operator under test against the JVM's local control plane: installs the CRDs and
 * admission policies as an installation would, then points the operator's client at the cluster.
 */
public class OperatorOnLocalCluster implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalCluster cluster = LocalCluster.shared();
        KubernetesClient admin = cluster.admin();
        Path repo = cluster.repoRoot();
        for (Path file : list(repo.resolve("crds/generated"))) {
            apply(admin, file);
        }
        for (Path file : list(repo.resolve("crds/generated"))) {
            String name = file.getFileName().toString().replace("-v1.yml", "");
            admin.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(crd -> crd != null
                    && crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())), 30, TimeUnit.SECONDS);
        }
        apply(admin, repo.resolve("crds/admission/identity-policies.yaml"));
        // fabric8, inside the operator, reads this system property before its usual kubeconfig.
        System.setProperty("kubeconfig", cluster.kubeconfig("admin").toString());
        return Map.of("kubechat.cluster-connection.probe-interval", "2s");
    }

    @Override
    public void stop() {
        System.clearProperty("kubeconfig");
    }

    private static void apply(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata item : client.load(in).items()) {
                client.resource(item).forceConflicts().serverSideApply();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
