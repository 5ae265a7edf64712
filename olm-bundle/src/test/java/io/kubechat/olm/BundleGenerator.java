package io.kubechat.olm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubechat.testsupport.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes the OLM bundle from the sources the Helm chart is made of, so the two cannot drift: the
 * Deployments, ConfigMaps, Services and PodDisruptionBudgets are the chart's own, rendered by the
 * pinned helm; the RBAC rules are helm/kubechat/files/rbac; the CRDs are crds/generated; alm-examples
 * are examples/*.yaml. What OLM cannot do that the chart does (generate Secrets, run PostgreSQL) is
 * asked of the installer through Secrets named in the description.
 */
final class BundleGenerator {

    static final String VERSION = "0.1.0";
    static final String PACKAGE = "kubechat";
    static final String CHANNEL = "alpha";
    /** Fixed, so the same sources always give the same bundle. */
    static final String CREATED_AT = "2026-11-26T00:00:00Z";

    static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path repo;
    private final Path helm;

    BundleGenerator(Path repo, Path helm) {
        this.repo = repo;
        this.helm = helm;
    }

    /** The bundle's files, by path under olm-bundle/bundle. */
    Map<String, String> generate() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<ObjectNode> rendered = renderChart();
        ObjectNode csv = csv(rendered);
        files.put("manifests/kubechat.clusterserviceversion.yaml", YAML.writeValueAsString(csv));
        for (ObjectNode object : rendered) {
            String kind = object.path("kind").asText();
            if (List.of("ConfigMap", "Service", "PodDisruptionBudget").contains(kind)) {
                files.put("manifests/" + object.path("metadata").path("name").asText() + "_" + kind.toLowerCase() + ".yaml",
                        YAML.writeValueAsString(object));
            }
        }
        for (Path crd : list(repo.resolve("crds/generated"))) {
            files.put("manifests/" + crd.getFileName().toString().replace("-v1.yml", ".crd.yaml"), Files.readString(crd));
        }
        files.put("metadata/annotations.yaml", YAML.writeValueAsString(NODES.objectNode().set("annotations", annotations())));
        return files;
    }

    static ObjectNode annotations() {
        ObjectNode a = NODES.objectNode();
        a.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
        a.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
        a.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
        a.put("operators.operatorframework.io.bundle.package.v1", PACKAGE);
        a.put("operators.operatorframework.io.bundle.channels.v1", CHANNEL);
        a.put("operators.operatorframework.io.bundle.channel.default.v1", CHANNEL);
        return a;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The chart as OLM installs it: external database and pre-made Secrets, names without a release prefix. */
    private List<ObjectNode> renderChart() throws IOException {
        List<String> command = List.of(helm.toString(), "template", PACKAGE, repo.resolve("helm/kubechat").toString(),
                "--namespace", "kubechat-system", "--kube-version", "1.35.4",
                "--set", "fullnameOverride=kubechat",
                "--set", "postgresql.mode=external",
                "--set", "postgresql.external.jdbcUrl=jdbc:postgresql://replaced-by-secret/kubechat",
                "--set", "postgresql.external.existingSecret=kubechat-database",
                "--set", "audit.signingKey.existingSecret=kubechat-audit-signing-key",
                "--set", "gateway.admin.existingSecret=kubechat-gateway-admin",
                "--set", "admissionPolicies.enabled=false",
                // OLM grants namespaced rights in the install namespace only: the sessions live there (see docs/security.md, L-10).
                "--set", "gateway.sessionsNamespace=kubechat-system",
                "--set", "tests.enabled=false");
        ProcessResult result = ProcessResult.run(command, 300);
        if (!result.succeeded()) {
            throw new IllegalStateException("helm template failed: " + result.stderr());
        }
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(result.stdout())) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                if (values.next() instanceof ObjectNode object && object.has("kind")) {
                    clean(object);
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    /** Drops what belongs to Helm: its labels, the namespace (OLM sets it) and the config checksum. */
    private static void clean(ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.remove("namespace");
        for (JsonNode labels : object.findParents("helm.sh/chart")) {
            ((ObjectNode) labels).remove(List.of("helm.sh/chart", "app.kubernetes.io/managed-by"));
        }
        for (JsonNode annotations : object.findParents("checksum/config")) {
            ((ObjectNode) annotations).remove("checksum/config");
        }
        if (object.path("spec").path("template").path("metadata").path("annotations").isEmpty()) {
            JsonNode templateMetadata = object.path("spec").path("template").path("metadata");
            if (templateMetadata instanceof ObjectNode m) {
                m.remove("annotations");
            }
        }
    }

    private ObjectNode csv(List<ObjectNode> rendered) throws IOException {
        ObjectNode csv = NODES.objectNode();
        csv.put("apiVersion", "operators.coreos.com/v1alpha1");
        csv.put("kind", "ClusterServiceVersion");
        ObjectNode metadata = csv.putObject("metadata");
        metadata.put("name", PACKAGE + ".v" + VERSION);
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("alm-examples", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples()));
        annotations.put("capabilities", "Basic Install");
        annotations.put("categories", "Developer Tools,Security,Monitoring");
        annotations.put("containerImage", image(rendered, "kubechat-operator"));
        annotations.put("createdAt", CREATED_AT);
        annotations.put("description", "Operate Kubernetes in plain language, safely: RBAC-enforced, approval-gated, audited.");
        annotations.put("operators.openshift.io/infrastructure-features", "[\"disconnected\"]");
        annotations.put("support", "KubeChat maintainers");
        metadata.putObject("labels").put("operatorframework.io/arch.amd64", "supported").put("operatorframework.io/os.linux", "supported");

        ObjectNode spec = csv.putObject("spec");
        spec.put("displayName", "KubeChat");
        spec.put("version", VERSION);
        spec.put("minKubeVersion", "1.30.0");
        spec.put("maturity", CHANNEL);
        spec.put("description", Files.readString(repo.resolve("olm-bundle/description.md")));
        spec.putArray("keywords").add("chatops").add("natural language").add("audit").add("rbac").add("approval");
        spec.putObject("provider").put("name", "KubeChat");
        spec.putArray("icon").addObject()
                .put("base64data", Base64.getEncoder().encodeToString(Files.readAllBytes(repo.resolve("olm-bundle/icon.svg"))))
                .put("mediatype", "image/svg+xml");
        ArrayNode installModes = spec.putArray("installModes");
        // The operator watches CommandExecutions in every namespace and acts as their requesters.
        for (var mode : Map.of("OwnNamespace", false, "SingleNamespace", false, "MultiNamespace", false, "AllNamespaces", true).entrySet()
                .stream().sorted(Map.Entry.comparingByKey()).toList()) {
            installModes.addObject().put("type", mode.getKey()).put("supported", mode.getValue());
        }
        spec.putObject("customresourcedefinitions").set("owned", ownedCrds());

        ObjectNode install = spec.putObject("install");
        install.put("strategy", "deployment");
        ObjectNode strategy = install.putObject("spec");
        ArrayNode clusterPermissions = strategy.putArray("clusterPermissions");
        ArrayNode permissions = strategy.putArray("permissions");
        for (String component : List.of("operator", "gateway")) {
            String serviceAccount = "kubechat-" + component;
            clusterPermissions.addObject().put("serviceAccountName", serviceAccount)
                    .set("rules", YAML.readTree(repo.resolve("helm/kubechat/files/rbac/" + component + "-cluster.yaml").toFile()));
            ArrayNode rules = (ArrayNode) YAML.readTree(repo.resolve("helm/kubechat/files/rbac/" + component + "-namespace.yaml").toFile());
            if (component.equals("gateway")) {
                // Under OLM the sessions namespace is the install namespace (the chart's default too).
                rules.addAll((ArrayNode) YAML.readTree(repo.resolve("helm/kubechat/files/rbac/gateway-sessions.yaml").toFile()));
            }
            if (component.equals("operator")) {
                // OLM cannot ship the identity admission policies, so the operator installs them (kubechat.admission.install).
                ((ArrayNode) clusterPermissions.get(clusterPermissions.size() - 1).get("rules")).addAll((ArrayNode) YAML.readTree(
                        repo.resolve("helm/kubechat/files/rbac/operator-installs-admission-cluster.yaml").toFile()));
                rules.addAll((ArrayNode) YAML.readTree(repo.resolve("helm/kubechat/files/rbac/operator-installs-admission-namespace.yaml").toFile()));
            }
            permissions.addObject().put("serviceAccountName", serviceAccount).set("rules", rules);
        }
        ArrayNode deployments = strategy.putArray("deployments");
        for (String component : List.of("operator", "gateway")) {
            ObjectNode deployment = find(rendered, "Deployment", "kubechat-" + component);
            databaseFromSecret(deployment);
            if (component.equals("operator")) {
                installsAdmissionPolicies(deployment);
            }
            deployments.addObject().put("name", "kubechat-" + component)
                    .<ObjectNode>set("label", deployment.path("metadata").path("labels"))
                    .set("spec", deployment.path("spec"));
        }
        ArrayNode related = spec.putArray("relatedImages");
        related.addObject().put("name", "operator").put("image", image(rendered, "kubechat-operator"));
        related.addObject().put("name", "gateway").put("image", image(rendered, "kubechat-gateway"));
        return csv;
    }

    /** Under OLM the operator installs the identity admission policies the chart would have installed. */
    private static void installsAdmissionPolicies(ObjectNode deployment) {
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        ArrayNode env = container.has("env") ? (ArrayNode) container.get("env") : container.putArray("env");
        env.addObject().put("name", "KUBECHAT_ADMISSION_INSTALL").put("value", "true");
    }

    /** Under OLM the database URL and user come from Secret kubechat-database too, not from a chart value. */
    private static void databaseFromSecret(ObjectNode deployment) {
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                String key = switch (name) {
                    case "QUARKUS_DATASOURCE_JDBC_URL" -> "jdbc-url";
                    case "QUARKUS_DATASOURCE_USERNAME" -> "username";
                    default -> null;
                };
                if (key != null) {
                    ObjectNode var = (ObjectNode) env;
                    var.remove("value");
                    var.putObject("valueFrom").putObject("secretKeyRef").put("name", "kubechat-database").put("key", key);
                }
            }
        }
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("the chart rendered no " + kind + " " + name));
    }

    private static String image(List<ObjectNode> rendered, String deployment) {
        return find(rendered, "Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
    }

    private ArrayNode examples() throws IOException {
        ArrayNode examples = NODES.arrayNode();
        for (Path file : list(repo.resolve("examples"))) {
            if (file.toString().endsWith(".yaml")) {
                examples.add(YAML.readTree(file.toFile()));
            }
        }
        return examples;
    }

    private record Descriptor(String path, String displayName, String description, String... xDescriptors) {
    }

    private static final Map<String, List<Descriptor>> SPEC = Map.of(
            "CommandExecution", List.of(
                    new Descriptor("request", "Request", "What to do, in plain words", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("command.verb", "Verb", "The structured command's verb, when given instead of words", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("requester.user", "Requester", "Who asks; must be the user creating the resource", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("sessionRef.name", "Chat session", "The ChatSession this command belongs to", "urn:alm:descriptor:io.kubernetes:kubechat.io:v1alpha1:ChatSession"),
                    new Descriptor("approval.decision", "Approval", "approved or rejected, by an authorized approver",
                            "urn:alm:descriptor:com.tectonic.ui:select:approved", "urn:alm:descriptor:com.tectonic.ui:select:rejected")),
            "ChatSession", List.of(
                    new Descriptor("owner.user", "Owner", "The user the conversation belongs to", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("title", "Title", "Title of the conversation", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("namespace", "Default namespace", "Namespace commands use unless they name one", "urn:alm:descriptor:io.kubernetes:Namespace"),
                    new Descriptor("retention", "Retention", "How long the messages are kept", "urn:alm:descriptor:com.tectonic.ui:text")),
            "ClusterConnection", List.of(
                    new Descriptor("displayName", "Display name", "Name shown to users", "urn:alm:descriptor:com.tectonic.ui:text"),
                    new Descriptor("kubeconfigSecretRef.name", "Kubeconfig Secret", "Secret holding the kubeconfig of the other cluster", "urn:alm:descriptor:io.kubernetes:Secret"),
                    new Descriptor("allowedNamespaces", "Allowed namespaces", "Namespaces KubeChat may touch there", "urn:alm:descriptor:com.tectonic.ui:text")),
            "ExecutionPolicy", List.of(
                    new Descriptor("approval.requireDistinctApprover", "Distinct approver", "The approver must not be the requester", "urn:alm:descriptor:com.tectonic.ui:booleanSwitch"),
                    new Descriptor("approval.expireAfter", "Approval expiry", "How long a pending approval waits", "urn:alm:descriptor:com.tectonic.ui:text")));

    private static final Map<String, List<Descriptor>> STATUS = Map.of(
            "CommandExecution", List.of(
                    new Descriptor("phase", "Phase", "Where the command is", "urn:alm:descriptor:io.kubernetes.phase"),
                    new Descriptor("risk.level", "Risk", "safe, caution or destructive, from the command alone", "urn:alm:descriptor:text"),
                    new Descriptor("translation.kubectl", "kubectl", "The command as kubectl would spell it", "urn:alm:descriptor:text"),
                    new Descriptor("authorization.reason", "Authorization", "Why the requester may or may not", "urn:alm:descriptor:text"),
                    new Descriptor("result.summary", "Result", "What happened", "urn:alm:descriptor:text"),
                    new Descriptor("auditRef.sequence", "Audit record", "Sequence number of the outcome in the audit ledger", "urn:alm:descriptor:text"),
                    new Descriptor("conditions", "Conditions", "Every step, as conditions", "urn:alm:descriptor:io.kubernetes.conditions")),
            "ChatSession", List.of(
                    new Descriptor("messageCount", "Messages", "Messages in the conversation", "urn:alm:descriptor:text"),
                    new Descriptor("lastActivityTime", "Last activity", "When the conversation last changed", "urn:alm:descriptor:timestamp"),
                    new Descriptor("conditions", "Conditions", "State of the session", "urn:alm:descriptor:io.kubernetes.conditions")),
            "ClusterConnection", List.of(
                    new Descriptor("reachable", "Reachable", "Whether the last probe reached the cluster", "urn:alm:descriptor:text"),
                    new Descriptor("serverVersion", "Server version", "Kubernetes version of the other cluster", "urn:alm:descriptor:text"),
                    new Descriptor("lastProbeTime", "Last probe", "When the cluster was last probed", "urn:alm:descriptor:timestamp"),
                    new Descriptor("conditions", "Conditions", "State of the connection", "urn:alm:descriptor:io.kubernetes.conditions")),
            "ExecutionPolicy", List.of(
                    new Descriptor("conditions", "Conditions", "Whether the policy is valid and in force", "urn:alm:descriptor:io.kubernetes.conditions")));

    private ArrayNode ownedCrds() throws IOException {
        ArrayNode owned = NODES.arrayNode();
        for (Path file : list(repo.resolve("crds/generated"))) {
            JsonNode crd = YAML.readTree(file.toFile());
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                ObjectNode entry = owned.addObject();
                entry.put("name", crd.path("metadata").path("name").asText());
                entry.put("version", version.path("name").asText());
                entry.put("kind", kind);
                entry.put("displayName", kind.replaceAll("([a-z])([A-Z])", "$1 $2"));
                entry.put("description", version.path("schema").path("openAPIV3Schema").path("description").asText(kind));
                entry.set("specDescriptors", descriptors(SPEC.get(kind)));
                entry.set("statusDescriptors", descriptors(STATUS.get(kind)));
            }
        }
        return owned;
    }

    private static ArrayNode descriptors(List<Descriptor> list) {
        ArrayNode out = NODES.arrayNode();
        for (Descriptor d : list) {
            ObjectNode node = out.addObject().put("path", d.path()).put("displayName", d.displayName()).put("description", d.description());
            ArrayNode x = node.putArray("x-descriptors");
            for (String descriptor : d.xDescriptors()) {
                x.add(descriptor);
            }
        }
        return out;
    }
}
