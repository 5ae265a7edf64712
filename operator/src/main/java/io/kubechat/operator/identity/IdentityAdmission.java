package io.kubechat.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether the API server enforces the identity admission policies (crds/admission) right now, and since
 * when. The operator impersonates whatever a CommandExecution names, so it runs nothing unless every policy
 * is installed as shipped and bound with validationActions [Deny] to every namespace; and it runs nothing
 * created before the policies were last installed or changed, which no policy checked.
 *
 * <p>Under OLM, which cannot ship admission policies, the operator installs them itself
 * ({@code kubechat.admission.install=true}), with its own namespace for their parameters.
 */
@ApplicationScoped
public class IdentityAdmission {

    static final String POLICIES = "io/kubechat/crds/admission/identity-policies.yaml";
    static final String GROUP_VERSION = "admissionregistration.k8s.io/v1";
    /** The API server compiles a new or changed policy asynchronously; what was created meanwhile counts as unchecked. */
    static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(IdentityAdmission.class);

    /** What the last check found: enforced since {@code since}, or not, and why. */
    public record State(boolean enforced, String reason, Instant since) {

        /** Whether the policies were in force when {@code created} was admitted. */
        public boolean covers(Instant created) {
            return enforced && created.isAfter(since);
        }
    }

    private final KubernetesClient client;
    private final List<GenericKubernetesResource> expected;
    private final boolean install;
    private final Clock clock = Clock.systemUTC();
    private State state;
    private Instant checkedAt = Instant.MIN;

    public IdentityAdmission(KubernetesClient client,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String namespace,
            @ConfigProperty(name = "kubechat.admission.install", defaultValue = "false") boolean install,
            @ConfigProperty(name = "kubechat.admission.gateway-service-account", defaultValue = "kubechat-gateway") String gateway,
            @ConfigProperty(name = "kubechat.admission.operator-service-account", defaultValue = "kubechat-operator") String operator) {
        this.client = client;
        this.expected = shipped(namespace, gateway, operator);
        this.install = install;
    }

    /** The state at most a few seconds old; checked again (and, under OLM, repaired) when older. */
    public State current() {
        return current(Instant.MIN);
    }

    /**
     * The state found by a check made after {@code created} (a creation timestamp, whole seconds): policies
     * present and unchanged since before it were then present all along, so an older, cached answer would
     * miss a binding deleted just before the command was created.
     */
    public synchronized State current(Instant created) {
        Instant now = clock.instant();
        if (state == null || Duration.between(checkedAt, now).compareTo(RECHECK) >= 0 || !checkedAt.isAfter(created)) {
            state = check();
            if (!state.enforced() && install) {
                installShipped();
                state = check();
            }
            checkedAt = now;
        }
        return state;
    }

    private State check() {
        Instant since = Instant.EPOCH;
        try {
            for (GenericKubernetesResource want : expected) {
                if (want.getKind().equals("ConfigMap")) {
                    // Its bindings name it and deny every request when it is missing: no need to read it.
                    continue;
                }
                GenericKubernetesResource have = client.genericKubernetesResources(GROUP_VERSION, want.getKind())
                        .withName(want.getMetadata().getName()).get();
                String what = want.getKind() + " " + want.getMetadata().getName();
                if (have == null) {
                    return refused(what + " is not installed");
                }
                Optional<String> difference = want.getKind().equals("ValidatingAdmissionPolicy") ? policyDifference(want, have)
                        : bindingDifference(want, have);
                if (difference.isPresent()) {
                    return refused(what + " " + difference.get());
                }
                since = later(since, lastChange(have));
            }
        } catch (KubernetesClientException e) {
            return refused("the identity admission policies cannot be read: " + e.getMessage());
        }
        return new State(true, null, since.plus(SETTLE));
    }

    private static State refused(String why) {
        return new State(false, why + "; without it a CommandExecution may name any requester or approver, so none runs"
                + " (install crds/admission/identity-policies.yaml, or the chart with admissionPolicies.enabled)", null);
    }

    private static Optional<String> policyDifference(GenericKubernetesResource want, GenericKubernetesResource have) {
        JsonNode w = tree(want).path("spec");
        JsonNode h = tree(have).path("spec");
        for (String field : List.of("failurePolicy", "paramKind", "variables", "validations")) {
            if (!Objects.equals(w.path(field), h.path(field))) {
                return Optional.of("differs from the shipped policy in spec." + field);
            }
        }
        if (!Objects.equals(rules(w), rules(h))) {
            return Optional.of("differs from the shipped policy in spec.matchConstraints.resourceRules");
        }
        return Optional.empty();
    }

    /** The rules without what the API server fills in (scope). */
    private static List<JsonNode> rules(JsonNode spec) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : spec.path("matchConstraints").path("resourceRules")) {
            ObjectNode copy = ((ObjectNode) rule).deepCopy();
            copy.remove("scope");
            rules.add(copy);
        }
        return rules;
    }

    private static Optional<String> bindingDifference(GenericKubernetesResource want, GenericKubernetesResource have) {
        JsonNode w = tree(want).path("spec");
        JsonNode h = tree(have).path("spec");
        if (!Objects.equals(h.path("validationActions"), w.path("validationActions"))) {
            return Optional.of("has validationActions " + h.path("validationActions") + ", not " + w.path("validationActions"));
        }
        if (!Objects.equals(h.path("policyName"), w.path("policyName"))) {
            return Optional.of("binds " + h.path("policyName") + ", not " + w.path("policyName"));
        }
        if (!Objects.equals(h.path("paramRef").path("name"), w.path("paramRef").path("name"))
                || !"Deny".equals(h.path("paramRef").path("parameterNotFoundAction").asText())) {
            return Optional.of("does not take its parameters from " + w.path("paramRef").path("name").asText() + " with parameterNotFoundAction Deny");
        }
        JsonNode match = h.path("matchResources");
        boolean everywhere = selectsAll(match.path("namespaceSelector")) && selectsAll(match.path("objectSelector"))
                && match.path("resourceRules").isEmpty() && match.path("excludeResourceRules").isEmpty();
        return everywhere ? Optional.empty() : Optional.of("does not apply to every CommandExecution (spec.matchResources narrows it)");
    }

    private static boolean selectsAll(JsonNode selector) {
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }

    /** When the object's spec was last written: created, or changed by anyone (status writes aside). */
    private static Instant lastChange(HasMetadata object) {
        Instant last = Instant.parse(object.getMetadata().getCreationTimestamp());
        for (ManagedFieldsEntry entry : Optional.ofNullable(object.getMetadata().getManagedFields()).orElse(List.of())) {
            if ((entry.getSubresource() == null || entry.getSubresource().isEmpty()) && entry.getTime() != null) {
                last = later(last, Instant.parse(entry.getTime()));
            }
        }
        return last;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void installShipped() {
        for (GenericKubernetesResource object : expected) {
            try {
                client.resource(object).fieldManager("kubechat-operator").forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                LOG.errorf("cannot install %s %s: %s", object.getKind(), object.getMetadata().getName(), e.getMessage());
                return;
            }
        }
        LOG.info("installed the identity admission policies");
    }

    private static JsonNode tree(GenericKubernetesResource object) {
        return Serialization.jsonMapper().valueToTree(object);
    }

    /** The policies as crds/admission ships them, their parameters in {@code namespace} naming these service accounts there. */
    static List<GenericKubernetesResource> shipped(String namespace, String gateway, String operator) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (InputStream in = IdentityAdmission.class.getClassLoader().getResourceAsStream(POLICIES)) {
            if (in == null) {
                throw new IllegalStateException(POLICIES + " is missing from the class path");
            }
            // One YAML document per object, split the way the chart's template splits the same file.
            for (String document : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("(?m)^---\\s*$")) {
                GenericKubernetesResource object = Serialization.unmarshal(document, GenericKubernetesResource.class);
                if (object != null && object.getKind() != null) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (GenericKubernetesResource object : objects) {
            if (object.getKind().equals("ConfigMap")) {
                object.getMetadata().setNamespace(namespace);
                object.setAdditionalProperty("data", Map.of(
                        "gatewayUser", "system:serviceaccount:" + namespace + ":" + gateway,
                        "operatorUser", "system:serviceaccount:" + namespace + ":" + operator,
                        "sessionsNamespace", namespace));
            } else if (object.getKind().equals("ValidatingAdmissionPolicyBinding")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) object.getAdditionalProperties().get("spec");
                @SuppressWarnings("unchecked")
                Map<String, Object> paramRef = (Map<String, Object>) spec.get("paramRef");
                paramRef.put("namespace", namespace);
            }
        }
        return List.copyOf(objects);
    }
}
