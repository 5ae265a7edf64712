package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubechat.audit.checkpoint.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** What the chart renders for the choices its values offer. */
class ChartRenderingTest {

    private static final String OPERATOR = "kc-kubechat-operator";
    private static final String GATEWAY = "kc-kubechat-gateway";
    private static final String PRODUCTION_DB = "postgresql.external.password=secret";

    private static Rendered evaluation(String... sets) {
        return Rendered.template(sets(List.of(), sets));
    }

    private static Rendered production(String... sets) {
        return Rendered.template(sets(List.of("--values", Rendered.valuesFile("values-production.yaml").toString()), sets));
    }

    private static List<String> sets(List<String> base, String... sets) {
        List<String> args = new ArrayList<>(base);
        for (int i = 0; i < sets.length; i++) {
            if (sets[i].startsWith("--")) {
                // A helm flag and its value, such as --api-versions monitoring.coreos.com/v1.
                args.add(sets[i]);
                args.add(sets[++i]);
            } else {
                args.add("--set");
                args.add(sets[i]);
            }
        }
        return args;
    }

    /** Every pod the chart makes, by owner (kind/name). */
    private static Map<String, PodSpec> podSpecs(Rendered rendered) {
        Map<String, PodSpec> specs = new java.util.LinkedHashMap<>();
        for (ObjectNode d : rendered.ofKind("Deployment")) {
            specs.put("Deployment/" + d.path("metadata").path("name").asText(), rendered.as(d, Deployment.class).getSpec().getTemplate().getSpec());
        }
        for (ObjectNode s : rendered.ofKind("StatefulSet")) {
            specs.put("StatefulSet/" + s.path("metadata").path("name").asText(), rendered.as(s, StatefulSet.class).getSpec().getTemplate().getSpec());
        }
        for (ObjectNode p : rendered.ofKind("Pod")) {
            specs.put("Pod/" + p.path("metadata").path("name").asText(), rendered.as(p, io.fabric8.kubernetes.api.model.Pod.class).getSpec());
        }
        return specs;
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        for (Rendered rendered : List.of(evaluation(), production(PRODUCTION_DB))) {
            Map<String, PodSpec> specs = podSpecs(rendered);
            assertThat(specs).isNotEmpty();
            specs.forEach((owner, spec) -> {
                assertThat(spec.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", owner).isTrue();
                assertThat(spec.getSecurityContext().getSeccompProfile().getType()).as(owner).isEqualTo("RuntimeDefault");
                for (Container c : spec.getContainers()) {
                    var sc = c.getSecurityContext();
                    assertThat(sc.getAllowPrivilegeEscalation()).as("%s %s allowPrivilegeEscalation", owner, c.getName()).isFalse();
                    assertThat(sc.getReadOnlyRootFilesystem()).as("%s %s readOnlyRootFilesystem", owner, c.getName()).isTrue();
                    assertThat(sc.getCapabilities().getDrop()).as("%s %s drops", owner, c.getName()).containsExactly("ALL");
                    assertThat(sc.getCapabilities().getAdd()).as(owner).isNullOrEmpty();
                    assertThat(sc.getSeccompProfile().getType()).as(owner).isEqualTo("RuntimeDefault");
                    assertThat(c.getResources().getRequests()).as("%s %s requests", owner, c.getName()).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as("%s %s limits", owner, c.getName()).containsKeys("cpu", "memory");
                }
            });
        }
    }

    @Test
    void operatorAndGatewayProbeTheHealthEndpointsAndWriteOnlyToTmp() {
        Rendered rendered = evaluation();
        for (String name : List.of(OPERATOR, GATEWAY)) {
            PodSpec spec = rendered.deployment(name).getSpec().getTemplate().getSpec();
            Container c = spec.getContainers().get(0);
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/tmp");
                assertThat(spec.getVolumes()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo(m.getName());
                    assertThat(v.getEmptyDir()).isNotNull();
                });
            });
            assertThat(c.getVolumeMounts()).filteredOn(m -> !m.getMountPath().equals("/tmp")).allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
        }
    }

    @Test
    void gatewayRollsWithoutLosingCapacityAndBothHaveDisruptionBudgets() {
        Rendered rendered = evaluation();
        assertThat(rendered.deployment(GATEWAY).getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(rendered.ofKind("PodDisruptionBudget")).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder(OPERATOR, GATEWAY);
        assertThat(rendered.ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void productionIsHighlyAvailable() {
        Rendered rendered = production(PRODUCTION_DB);
        Deployment gateway = rendered.deployment(GATEWAY);
        assertThat(gateway.getSpec().getReplicas()).as("replicas are the HPA's to set").isNull();
        ObjectNode hpa = rendered.get("HorizontalPodAutoscaler", GATEWAY);
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(GATEWAY);
        assertThat(rendered.deployment(OPERATOR).getSpec().getReplicas()).isEqualTo(2);
        for (String name : List.of(OPERATOR, GATEWAY)) {
            var antiAffinity = rendered.deployment(name).getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
            assertThat(antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                    .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        }
        assertThat(rendered.get("PodDisruptionBudget", GATEWAY).path("spec").path("minAvailable").asInt()).isEqualTo(2);
        assertThat(rendered.ofKind("StatefulSet")).as("no bundled database in production").isEmpty();
        ObjectNode ingress = rendered.get("Ingress", GATEWAY);
        assertThat(ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText()).isEqualTo("letsencrypt");
        assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asText()).isEqualTo("kubechat-tls");
    }

    @Test
    void everyImageComesFromTheConfiguredRegistryWithPullSecrets() {
        Rendered rendered = evaluation("global.imageRegistry=mirror.internal:5000", "global.imagePullSecrets[0]=mirror-pull",
                "operator.image.digest=sha256:" + "a".repeat(64), "gateway.image.tag=1.2.3");
        Map<String, PodSpec> specs = podSpecs(rendered);
        specs.forEach((owner, spec) -> {
            assertThat(spec.getContainers()).allSatisfy(c -> assertThat(c.getImage()).as(owner).startsWith("mirror.internal:5000/"));
            assertThat(spec.getImagePullSecrets()).as(owner).extracting(r -> r.getName()).containsExactly("mirror-pull");
        });
        assertThat(image(rendered, OPERATOR)).isEqualTo("mirror.internal:5000/kubechat/kubechat-operator@sha256:" + "a".repeat(64));
        assertThat(image(rendered, GATEWAY)).isEqualTo("mirror.internal:5000/kubechat/kubechat-gateway:1.2.3");
        assertThat(image(evaluation(), OPERATOR)).isEqualTo("ghcr.io/kubechat/kubechat-operator:0.1.0");
    }

    private static String image(Rendered rendered, String deployment) {
        return rendered.deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Map<String, EnvVar> env(Rendered rendered, String deployment) {
        return rendered.deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static Map<String, String> configMap(Rendered rendered, String name) {
        JsonNode data = rendered.get("ConfigMap", name).path("data");
        Map<String, String> out = new java.util.TreeMap<>();
        data.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void databaseByModeBundledExternalOrCloudNativePg() {
        Rendered bundled = evaluation();
        assertThat(env(bundled, OPERATOR).get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo("jdbc:postgresql://kc-kubechat-postgresql:5432/kubechat");
        assertThat(env(bundled, OPERATOR).get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kc-kubechat-postgresql");
        assertThat(bundled.get("StatefulSet", "kc-kubechat-postgresql")).isNotNull();
        assertThat(bundled.get("Secret", "kc-kubechat-postgresql").path("data").path("password").asText()).isNotEmpty();

        Rendered external = evaluation("postgresql.mode=external", "postgresql.external.jdbcUrl=jdbc:postgresql://db:5432/kc",
                "postgresql.external.existingSecret=db-credentials", "postgresql.external.passwordKey=pw");
        assertThat(external.ofKind("StatefulSet")).isEmpty();
        for (String component : List.of(OPERATOR, GATEWAY)) {
            Map<String, EnvVar> env = env(external, component);
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo("jdbc:postgresql://db:5432/kc");
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef()).satisfies(ref -> {
                assertThat(ref.getName()).isEqualTo("db-credentials");
                assertThat(ref.getKey()).isEqualTo("pw");
            });
        }
        assertThat(external.find("Secret", "kc-kubechat-database")).as("the named Secret is used, none made").isEmpty();

        Rendered cnpg = evaluation("postgresql.mode=cloudnativepg", "--api-versions", "postgresql.cnpg.io/v1/Cluster");
        ObjectNode cluster = cnpg.get("Cluster", "kc-kubechat-postgresql");
        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(env(cnpg, OPERATOR).get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo("jdbc:postgresql://kc-kubechat-postgresql-rw:5432/kubechat");
        assertThat(env(cnpg, OPERATOR).get("QUARKUS_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kc-kubechat-postgresql-app");
    }

    @Test
    void theEmbeddedTranslatorIsTheDefaultAndProviderKeysComeFromSecrets() {
        Rendered embedded = evaluation();
        assertThat(configMap(embedded, OPERATOR)).containsEntry("KUBECHAT_LLM_PROVIDER", "embedded").doesNotContainKey("KUBECHAT_LLM_MODEL");
        assertThat(env(embedded, OPERATOR)).doesNotContainKey("KUBECHAT_LLM_API_KEY");

        Rendered openai = evaluation("llm.provider=openai", "llm.model=gpt-4o-mini", "llm.apiKey.existingSecret=openai", "llm.apiKey.key=token");
        assertThat(configMap(openai, OPERATOR)).containsEntry("KUBECHAT_LLM_PROVIDER", "openai").containsEntry("KUBECHAT_LLM_MODEL", "gpt-4o-mini");
        assertThat(env(openai, OPERATOR).get("KUBECHAT_LLM_API_KEY").getValueFrom().getSecretKeyRef()).satisfies(ref -> {
            assertThat(ref.getName()).isEqualTo("openai");
            assertThat(ref.getKey()).isEqualTo("token");
        });
        assertThat(openai.yaml()).doesNotContain("sk-");
    }

    /**
     * The audit signing key and the ledger's owner login are where records are signed and the schema migrated, the
     * operator, and nowhere else: the internet-facing gateway gets neither (it appends unsigned records that the
     * operator's checkpoints cover, and verifies with the public key the operator publishes), in every mode.
     */
    @Test
    void onlyTheOperatorHoldsTheAuditSigningKeyAndTheDatabaseOwnerLogin() {
        for (Rendered rendered : List.of(evaluation(), production(PRODUCTION_DB),
                production(PRODUCTION_DB, "postgresql.external.existingSecret=db", "postgresql.external.owner.username=owner"),
                evaluation("audit.signingKey.existingSecret=my-key"))) {
            // Whatever Secret the operator signs with (generated, or named in the values).
            String secret = podSpecs(rendered).get("Deployment/" + OPERATOR).getVolumes().stream()
                    .filter(v -> v.getName().equals("audit-signing-key")).findFirst().orElseThrow()
                    .getSecret().getSecretName();
            podSpecs(rendered).forEach((owner, spec) -> {
                boolean operator = owner.equals("Deployment/" + OPERATOR);
                boolean mounted = spec.getVolumes().stream().anyMatch(v -> v.getSecret() != null
                        && v.getSecret().getSecretName().equals(secret));
                boolean inEnv = spec.getContainers().stream().flatMap(c -> c.getEnv().stream())
                        .anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                                && e.getValueFrom().getSecretKeyRef().getName().equals(secret));
                assertThat(mounted || inEnv).as("%s has the audit signing key", owner).isEqualTo(operator);
            });
            Map<String, EnvVar> gateway = env(rendered, GATEWAY);
            assertThat(gateway).doesNotContainKeys("KUBECHAT_AUDIT_OWNER_USERNAME", "KUBECHAT_AUDIT_OWNER_PASSWORD",
                    "KUBECHAT_AUDIT_SIGNING_KEY_FILE");
            assertThat(configMap(rendered, GATEWAY)).doesNotContainKey("KUBECHAT_AUDIT_SIGNING_KEY_FILE");
        }

        // Bundled: each component logs in as its own runtime login; only the operator also gets the owner, to migrate.
        Rendered bundled = evaluation();
        assertThat(env(bundled, GATEWAY).get("QUARKUS_DATASOURCE_USERNAME").getValue()).isEqualTo("kubechat_gateway");
        assertThat(env(bundled, GATEWAY).get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("gateway-password");
        assertThat(env(bundled, OPERATOR).get("QUARKUS_DATASOURCE_USERNAME").getValue()).isEqualTo("kubechat_operator");
        assertThat(env(bundled, OPERATOR).get("KUBECHAT_AUDIT_OWNER_USERNAME").getValue()).isEqualTo("kubechat");
        assertThat(env(bundled, OPERATOR).get("KUBECHAT_AUDIT_OWNER_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("password");
        assertThat(bundled.get("ConfigMap", "kc-kubechat-postgresql-init").path("data").path("10-kubechat-logins.sh").asText())
                .contains("CREATE ROLE kubechat_gateway LOGIN NOSUPERUSER", "IN ROLE kubechat_audit_writer")
                .doesNotContain("SUPERUSER PASSWORD", "kubechat_audit_custodian TO");
    }

    @Test
    void theGeneratedSigningKeyIsAnEd25519KeyTheLedgerLoads() {
        String encoded = evaluation().get("Secret", "kc-kubechat-audit-signing-key").path("data").path("signing-key.pem").asText();
        String pem = new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
        assertThat(SigningKey.fromPem(pem).verificationKey()).isNotNull();
        assertThat(evaluation("audit.signingKey.existingSecret=my-key").find("Secret", "kc-kubechat-audit-signing-key")).isEmpty();
    }

    @Test
    void secretsAreReadableOnlyInTheReleaseNamespace() {
        Rendered rendered = evaluation();
        for (ObjectNode role : rendered.ofKind("ClusterRole")) {
            assertThat(resources(role)).as(role.path("metadata").path("name").asText()).doesNotContain("secrets", "configmaps", "leases", "*");
            assertThat(verbs(role)).doesNotContain("*");
        }
        ObjectNode operatorClusterRole = rendered.get("ClusterRole", OPERATOR + "-kubechat-system");
        assertThat(rules(operatorClusterRole)).anySatisfy(rule -> {
            assertThat(rule.path("verbs").toString()).contains("impersonate");
            assertThat(rule.path("resources").toString()).contains("users", "groups", "serviceaccounts");
        });
        assertThat(resources(rendered.get("Role", OPERATOR))).contains("secrets", "leases");
        assertThat(verbs(operatorClusterRole)).doesNotContain("delegate", "approve");
        assertThat(verbs(rendered.get("ClusterRole", GATEWAY + "-kubechat-system"))).doesNotContain("delegate");
    }

    @Test
    void onlyTheGatewaysIdentityDelegatesAndOnlyInTheSessionsNamespace() {
        Rendered rendered = evaluation();
        ObjectNode inRelease = rendered.get("Role", GATEWAY + "-sessions");
        // Sessions are kept apart from the release namespace and its Secrets (L-10), in a namespace the chart makes and keeps.
        assertThat(inRelease.path("metadata").path("namespace").asText()).isEqualTo("kubechat-system-sessions");
        assertThat(rendered.get("Namespace", "kubechat-system-sessions").path("metadata").path("annotations")
                .path("helm.sh/resource-policy").asText()).isEqualTo("keep");
        // Delegation is a parameter of the admission policies, not an RBAC verb a wildcard role would also grant.
        assertThat(verbs(inRelease)).doesNotContain("delegate");
        JsonNode parameters = rendered.get("ConfigMap", "kubechat-identity");
        assertThat(parameters.path("metadata").path("namespace").asText()).isEqualTo("kubechat-system");
        assertThat(parameters.path("data").path("gatewayUser").asText()).isEqualTo("system:serviceaccount:kubechat-system:" + GATEWAY);
        assertThat(parameters.path("data").path("operatorUser").asText()).isEqualTo("system:serviceaccount:kubechat-system:" + OPERATOR);
        assertThat(parameters.path("data").path("sessionsNamespace").asText()).isEqualTo("kubechat-system-sessions");
        for (String binding : List.of("kubechat-command-identity", "kubechat-command-status", "kubechat-session-owner")) {
            assertThat(rendered.get("ValidatingAdmissionPolicyBinding", binding).path("spec").path("paramRef").path("namespace").asText())
                    .isEqualTo("kubechat-system");
        }
        Rendered separate = evaluation("gateway.sessionsNamespace=web-sessions");
        assertThat(separate.get("ConfigMap", "kubechat-identity").path("data").path("sessionsNamespace").asText()).isEqualTo("web-sessions");
        assertThat(separate.get("Role", GATEWAY + "-sessions").path("metadata").path("namespace").asText()).isEqualTo("web-sessions");
        assertThat(separate.get("RoleBinding", GATEWAY + "-sessions").path("subjects").get(0).path("namespace").asText()).isEqualTo("kubechat-system");
        assertThat(configMap(separate, GATEWAY)).containsEntry("KUBECHAT_GATEWAY_SESSIONS_NAMESPACE", "web-sessions");
        assertThat(evaluation("gateway.sessionsNamespace=kubechat-system").ofKind("Namespace")).as("the release's own is Helm's").isEmpty();
    }

    @Test
    void theOperatorAndGatewayConnectOnlyToDnsTheApiServerAndTheDatabase() {
        Rendered rendered = evaluation("networkPolicy.egress.apiServer.cidrs={10.0.0.1/32}");
        for (String name : List.of(OPERATOR, GATEWAY)) {
            ObjectNode policy = rendered.get("NetworkPolicy", name);
            assertThat(policy.path("spec").path("policyTypes").toString()).as(name).contains("Egress");
            List<JsonNode> egress = StreamSupport.stream(policy.path("spec").path("egress").spliterator(), false).toList();
            assertThat(egress).as(name).hasSize(3);
            assertThat(egress.get(0).path("ports").toString()).contains("53");
            assertThat(egress.get(1).path("to").toString()).contains("10.0.0.1/32");
            assertThat(egress.get(2).path("to").toString()).contains("postgresql");
        }
        assertThat(rendered.get("NetworkPolicy", "kc-kubechat-postgresql").path("spec").path("egress").isMissingNode()).isTrue();
        assertThat(evaluation("networkPolicy.egress.enabled=false").get("NetworkPolicy", OPERATOR).path("spec").path("policyTypes").toString())
                .doesNotContain("Egress");
    }

    @Test
    void impersonatedGroupsCanBeLimitedToAList() {
        Rendered rendered = evaluation("rbac.impersonableGroups={kubechat:sre,kubechat:developers}");
        for (String name : List.of(OPERATOR, GATEWAY)) {
            List<JsonNode> impersonation = rules(rendered.get("ClusterRole", name + "-kubechat-system")).stream()
                    .filter(rule -> rule.path("verbs").toString().contains("impersonate")).toList();
            assertThat(impersonation).as(name).anySatisfy(rule -> {
                assertThat(rule.path("resources").toString()).isEqualTo("[\"groups\"]");
                assertThat(rule.path("resourceNames").toString()).isEqualTo("[\"kubechat:sre\",\"kubechat:developers\"]");
            });
            assertThat(impersonation).as(name).noneSatisfy(rule -> {
                assertThat(rule.path("resources").toString()).contains("groups");
                assertThat(rule.has("resourceNames")).isFalse();
            });
            assertThat(impersonation).as(name).anySatisfy(rule -> assertThat(rule.path("resources").toString()).contains("users"));
        }
    }

    private static List<JsonNode> rules(ObjectNode role) {
        return StreamSupport.stream(role.path("rules").spliterator(), false).toList();
    }

    private static List<String> resources(ObjectNode role) {
        return rules(role).stream().flatMap(r -> StreamSupport.stream(r.path("resources").spliterator(), false)).map(JsonNode::asText).toList();
    }

    private static List<String> verbs(ObjectNode role) {
        return rules(role).stream().flatMap(r -> StreamSupport.stream(r.path("verbs").spliterator(), false)).map(JsonNode::asText).toList();
    }

    @Test
    void networkPoliciesCloseIngressToEveryComponent() {
        Rendered rendered = evaluation();
        assertThat(rendered.ofKind("NetworkPolicy")).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder(OPERATOR, GATEWAY, "kc-kubechat-postgresql");
        ObjectNode database = rendered.get("NetworkPolicy", "kc-kubechat-postgresql");
        assertThat(database.path("spec").path("ingress").get(0).path("from").findValuesAsText("app.kubernetes.io/component"))
                .containsExactlyInAnyOrder("operator", "gateway");
        assertThat(evaluation("networkPolicy.enabled=false").ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void prometheusObjectsOnlyWhereThePrometheusOperatorIs() {
        assertThat(evaluation().ofKind("ServiceMonitor")).isEmpty();
        assertThat(evaluation().ofKind("PrometheusRule")).isEmpty();
        Rendered monitored = evaluation("--api-versions", "monitoring.coreos.com/v1");
        assertThat(monitored.ofKind("ServiceMonitor")).hasSize(2);
        ObjectNode rule = monitored.get("PrometheusRule", "kc-kubechat");
        assertThat(rule.findValuesAsText("alert")).containsExactlyInAnyOrder("KubeChatAuditWritesFailing",
                "KubeChatAuditChainVerificationFailed", "KubeChatOperatorDown", "KubeChatOperatorNotReconciling");
        assertThat(rule.findValuesAsText("expr")).allSatisfy(expr -> assertThat(expr).contains("namespace=\"kubechat-system\"").doesNotContain("{{"));
        assertThat(rule.toString()).contains("service=\\\"" + OPERATOR + "\\\"");
    }
}
