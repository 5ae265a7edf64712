package io.kubechat.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The operator's identity exactly as its manifest (operator/src/main/kubernetes/rbac.yaml) defines it. */
public final class OperatorRbac {

    private OperatorRbac() {
    }

    /**
     * Installs the manifest with the operator in {@code operatorNamespace} (cluster-wide objects
     * renamed after it, so tests do not share them), names its ServiceAccount as the operator in the
     * identity policies' parameters (installed first), and returns a kubeconfig of the ServiceAccount.
     */
    public static Path install(LocalCluster cluster, String operatorNamespace) {
        List<HasMetadata> items;
        try (InputStream in = Files.newInputStream(cluster.repoRoot().resolve("operator/src/main/kubernetes/rbac.yaml"))) {
            items = cluster.admin().load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (HasMetadata item : items) {
            if (item.getMetadata().getNamespace() != null) {
                item.getMetadata().setNamespace(operatorNamespace);
            } else {
                item.getMetadata().setName(item.getMetadata().getName() + "-" + operatorNamespace);
            }
            List<Subject> subjects = item instanceof RoleBinding binding ? binding.getSubjects()
                    : item instanceof ClusterRoleBinding binding ? binding.getSubjects() : List.of();
            subjects.forEach(subject -> subject.setNamespace(operatorNamespace));
            if (item instanceof ClusterRoleBinding binding) {
                binding.getRoleRef().setName(binding.getRoleRef().getName() + "-" + operatorNamespace);
            }
            cluster.admin().resource(item).create();
        }
        String serviceAccount = items.stream().filter(i -> i.getKind().equals("ServiceAccount")).findFirst().orElseThrow().getMetadata().getName();
        // Only the operator named in the identity policies' parameters writes CommandExecution status: name this one.
        cluster.admin().configMaps().inNamespace(LocalCluster.SYSTEM_NAMESPACE).withName("kubechat-identity").edit(parameters -> {
            parameters.getData().put("operatorUser", "system:serviceaccount:" + operatorNamespace + ":" + serviceAccount);
            return parameters;
        });
        return cluster.serviceAccountKubeconfig(operatorNamespace, serviceAccount);
    }
}
