package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code helm install}, {@code upgrade} with changed values and {@code rollback} of the chart on the
 * local control plane: the API server admits every object (schemas, CEL, RBAC escalation checks) and
 * kwok completes the rollouts, so {@code --wait} means what it means on a real cluster.
 */
@WithLocalCluster
class ChartLifecycleIT {

    private static final String RELEASE = "kc";

    @Test
    void installUpgradeAndRollBack(LocalCluster cluster) throws IOException {
        KubernetesClient admin = cluster.admin();
        HelmCli helm = new HelmCli(cluster);
        String ns = cluster.createNamespace("kubechat");
        // The bundled PostgreSQL claims a volume; the local cluster has no provisioner, so offer one.
        admin.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(ns + "-data").endMetadata()
                .withNewSpec().withCapacity(Map.of("storage", new Quantity("8Gi"))).withAccessModes("ReadWriteOnce")
                .withStorageClassName("").withNewHostPath().withPath("/tmp/" + ns).endHostPath().endSpec().build()).create();

        // Under make test, other modules' tests may have applied the admission policies already; the
        // release takes them over and this test puts them back afterwards.
        boolean policiesExisted = admin.admissionRegistration().v1().validatingAdmissionPolicies().withName("kubechat-command-identity").get() != null;
        helm.ok("install", RELEASE, Tools.chartDir().toString(), "-n", ns, "--wait", "--timeout", "5m", "--take-ownership");
        assertThat(status(helm, ns)).isEqualTo("deployed");
        Deployment gateway = deployment(admin, ns, "kc-kubechat-gateway");
        assertThat(gateway.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(deployment(admin, ns, "kc-kubechat-operator").getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(admin.apps().statefulSets().inNamespace(ns).withName("kc-kubechat-postgresql").get().getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("commandexecutions.kubechat.io").get()).isNotNull();
        assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicies().withName("kubechat-command-identity").get()).isNotNull();
        String signingKey = admin.secrets().inNamespace(ns).withName("kc-kubechat-audit-signing-key").get().getData().get("signing-key.pem");
        String operatorTemplate = operatorPodTemplateHash(admin, ns);

        helm.ok("upgrade", RELEASE, Tools.chartDir().toString(), "-n", ns, "--wait", "--timeout", "5m",
                "--set", "gateway.replicas=2", "--set", "operator.executionTimeout=45s");
        assertThat(deployment(admin, ns, "kc-kubechat-gateway").getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(configMap(admin, ns, "kc-kubechat-operator")).containsEntry("KUBECHAT_EXECUTION_TIMEOUT", "45s");
        assertThat(operatorPodTemplateHash(admin, ns)).as("a changed configuration rolls the operator").isNotEqualTo(operatorTemplate);
        assertThat(deployment(admin, ns, "kc-kubechat-operator").getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(admin.secrets().inNamespace(ns).withName("kc-kubechat-audit-signing-key").get().getData().get("signing-key.pem"))
                .as("the signing key survives an upgrade").isEqualTo(signingKey);

        helm.ok("rollback", RELEASE, "1", "-n", ns, "--wait", "--timeout", "5m");
        assertThat(deployment(admin, ns, "kc-kubechat-gateway").getSpec().getReplicas()).isEqualTo(1);
        assertThat(configMap(admin, ns, "kc-kubechat-operator")).containsEntry("KUBECHAT_EXECUTION_TIMEOUT", "30s");
        assertThat(operatorPodTemplateHash(admin, ns)).isEqualTo(operatorTemplate);
        assertThat(deployment(admin, ns, "kc-kubechat-operator").getStatus().getAvailableReplicas()).isEqualTo(1);
        JsonNode history = Rendered.YAML.readTree(helm.ok("history", RELEASE, "-n", ns, "-o", "json"));
        assertThat(history).extracting(h -> h.path("revision").asInt() + " " + h.path("status").asText())
                .containsExactly("1 superseded", "2 superseded", "3 deployed");
        assertThat(admin.secrets().inNamespace(ns).withName("kc-kubechat-audit-signing-key").get().getData().get("signing-key.pem"))
                .isEqualTo(signingKey);

        helm.ok("uninstall", RELEASE, "-n", ns, "--wait");
        assertThat(admin.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(admin.secrets().inNamespace(ns).withName("kc-kubechat-audit-signing-key").get())
                .as("the signing key is kept after uninstall").isNotNull();
        assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicies().withName("kubechat-command-identity").get()).isNull();
        if (policiesExisted) {
            cluster.installIdentityPolicies();
        }
    }

    private static String status(HelmCli helm, String ns) throws IOException {
        return Rendered.YAML.readTree(helm.ok("status", RELEASE, "-n", ns, "-o", "json")).path("info").path("status").asText();
    }

    private static Deployment deployment(KubernetesClient admin, String ns, String name) {
        return admin.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static Map<String, String> configMap(KubernetesClient admin, String ns, String name) {
        return admin.configMaps().inNamespace(ns).withName(name).get().getData();
    }

    /** The checksum annotation stands for the operator's pod template: it changes when its configuration does. */
    private static String operatorPodTemplateHash(KubernetesClient admin, String ns) {
        return deployment(admin, ns, "kc-kubechat-operator").getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }
}
