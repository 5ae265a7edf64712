package io.kubechat.operator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubechat.testsupport.LocalCluster;
import java.time.Duration;
import java.time.Instant;

/**
 * The identity admission policies of crds/admission as an attacker finds them: missing (an OLM install,
 * admissionPolicies.enabled=false, a reinstall), or switched to a mode that only warns; and put back.
 */
public final class IdentityPolicies {

    public static final String COMMAND_BINDING = "kubechat-command-identity";

    private final LocalCluster cluster;

    public IdentityPolicies(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Deletes the binding of the command identity policy and waits until the API server admits what it refused. */
    public void removeCommandBinding(String namespace) {
        bindings().withName(COMMAND_BINDING).delete();
        awaitForgeryAdmitted(namespace);
    }

    /** Leaves the binding in place but only warning, and waits until that takes effect. */
    public void onlyWarn(String namespace) {
        bindings().withName(COMMAND_BINDING).patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/validationActions\",\"value\":[\"Warn\"]}]");
        awaitForgeryAdmitted(namespace);
    }

    /** Installs the policies as shipped again and waits until they deny a forged requester. */
    public void restore(String namespace) {
        // Deleted first: validationActions is a set, so applying [Deny] over another manager's [Warn] would keep both.
        bindings().withName(COMMAND_BINDING).withTimeout(30, java.util.concurrent.TimeUnit.SECONDS).delete();
        cluster.installIdentityPolicies();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                cluster.as("bob").genericKubernetesResources("kubechat.io/v1alpha1", "CommandExecution").inNamespace(namespace)
                        .resource(probe("probe-" + System.nanoTime())).create();
            } catch (RuntimeException e) {
                if (e.getMessage().contains("must be your own user name")) {
                    // The operator counts what was created within its settling time (3s) after a change as unchecked.
                    sleep(Duration.ofSeconds(4));
                    return;
                }
                throw e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the identity policy does not deny a forged requester 30s after it was installed");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private void awaitForgeryAdmitted(String namespace) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        KubernetesClient bob = cluster.as("bob");
        while (true) {
            String name = "probe-" + System.nanoTime();
            try {
                // A forged requester with no command: admitted only once the policy no longer denies.
                bob.genericKubernetesResources("kubechat.io/v1alpha1", "CommandExecution").inNamespace(namespace)
                        .resource(probe(name)).create();
                bob.genericKubernetesResources("kubechat.io/v1alpha1", "CommandExecution").inNamespace(namespace).withName(name).delete();
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the identity policy still denies after 30s", e);
                }
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static GenericKubernetesResource probe(String name) {
        GenericKubernetesResource probe = new GenericKubernetesResource();
        probe.setApiVersion("kubechat.io/v1alpha1");
        probe.setKind("CommandExecution");
        probe.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        probe.setAdditionalProperty("spec", java.util.Map.of("request", "probe", "requester", java.util.Map.of("user", "carol")));
        return probe;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> bindings() {
        return cluster.admin().genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding");
    }
}
