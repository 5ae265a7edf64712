package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kwok's pods run no containers, so this proves the configuration the chart renders: it installs the
 * chart (external PostgreSQL mode, pointed at a real PostgreSQL), then starts the packaged operator and,
 * when it is built, the gateway, each with exactly the environment, arguments, mounted Secrets and
 * ServiceAccount rights of its installed Deployment (see {@link RenderedProcess}); both must become
 * ready, and the CommandExecution of the chart's own {@code helm test}, created by the test's
 * ServiceAccount, must succeed.
 */
@WithLocalCluster
class RenderedConfigurationIT {

    private static final String RELEASE = "rc";
    private static final ResourceDefinitionContext COMMAND_EXECUTIONS = new ResourceDefinitionContext.Builder()
            .withGroup("kubechat.io").withVersion("v1alpha1").withPlural("commandexecutions").withKind("CommandExecution").withNamespaced(true).build();

    @TempDir
    Path work;
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private OtlpReceiver traces;

    private LocalCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.installIdentityPolicies();
        }
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    void operatorAndGatewayRunHealthyFromTheRenderedConfiguration(LocalCluster cluster) throws Exception {
        this.cluster = cluster;
        Path repo = cluster.repoRoot();
        Path operatorJar = repo.resolve("operator/target/quarkus-app/quarkus-run.jar");
        assertThat(operatorJar).as("build the operator first: ./mvnw -pl operator package -DskipTests").isRegularFile();
        Path gatewayJar = repo.resolve("gateway/target/quarkus-app/quarkus-run.jar");

        postgres = EmbeddedPostgres.builder().start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        String ns = cluster.createNamespace("kubechat-rc");
        int operatorPort = RenderedProcess.freePort();
        int gatewayPort = RenderedProcess.freePort();
        traces = new OtlpReceiver();
        HelmCli helm = new HelmCli(cluster);
        helm.ok("install", RELEASE, Tools.chartDir().toString(), "-n", ns, "--wait", "--timeout", "5m",
                "--set", "postgresql.mode=external",
                "--set", "postgresql.external.jdbcUrl=" + jdbcUrl,
                "--set", "postgresql.external.username=postgres",
                // embedded PostgreSQL trusts local connections; the Secret path is exercised all the same
                "--set", "postgresql.external.password=unused-by-trust-auth",
                "--set", "operator.port=" + operatorPort,
                "--set", "gateway.port=" + gatewayPort,
                // Cluster-wide, perhaps applied by other tests already: the release takes them over, with its own parameters,
                // since the operator runs nothing without them; stop() puts the shipped ones back.
                "--take-ownership",
                "--set", "tracing.enabled=true",
                "--set", "tracing.endpoint=" + traces.endpoint(),
                "--set", "tracing.protocol=http/protobuf");

        Path operatorLog = work.resolve("operator.log");
        var operator = RenderedProcess.prepare(cluster, ns, "rc-kubechat-operator", Files.createDirectories(work.resolve("operator-root")));
        assertThat(operator.env()).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD", "KUBECHAT_OPERATOR_NAMESPACE",
                "KUBECHAT_AUDIT_SIGNING_KEY_FILE", "QUARKUS_HTTP_PORT", "POD_NAME", "JAVA_TOOL_OPTIONS");
        assertThat(operator.env().get("KUBECHAT_OPERATOR_NAMESPACE")).isEqualTo(ns);
        Process operatorProcess = RenderedProcess.start(operatorJar, operator, operatorLog);
        processes.add(operatorProcess);
        String ready = RenderedProcess.awaitOk("http://127.0.0.1:" + operatorPort + "/q/health/ready", Duration.ofMinutes(3), operatorProcess, operatorLog);
        assertThat(ready).contains("\"status\": \"UP\"");

        if (Files.isRegularFile(gatewayJar)) {
            Path gatewayLog = work.resolve("gateway.log");
            var gateway = RenderedProcess.prepare(cluster, ns, "rc-kubechat-gateway", Files.createDirectories(work.resolve("gateway-root")));
            Process gatewayProcess = RenderedProcess.start(gatewayJar, gateway, gatewayLog);
            processes.add(gatewayProcess);
            RenderedProcess.awaitOk("http://127.0.0.1:" + gatewayPort + "/q/health/ready", Duration.ofMinutes(3), gatewayProcess, gatewayLog);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/sessions")).build(),
                    HttpResponse.BodyHandlers.discarding());
            await().atMost(Duration.ofSeconds(30)).until(() -> traces.received("kubechat-gateway", "/api/v1/sessions"));
        } else {
            System.out.println("RenderedConfigurationIT: no gateway at " + gatewayJar + "; only the operator was started");
        }

        // The helm test hooks: their ServiceAccount and Role, then their CommandExecution as that account.
        Rendered hooks = Rendered.parse(helm.ok("get", "hooks", RELEASE, "-n", ns));
        KubernetesClient admin = cluster.admin();
        for (String kind : List.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap")) {
            for (ObjectNode object : hooks.ofKind(kind)) {
                admin.resource(Rendered.YAML.treeToValue(object, GenericKubernetesResource.class)).inNamespace(ns).create();
            }
        }
        String commandYaml = hooks.get("ConfigMap", "rc-kubechat-test").path("data").path("commandexecution.yaml").asText();
        Path testKubeconfig = RenderedProcess.kubeconfigFor(cluster, ns, "rc-kubechat-test", work);
        try (KubernetesClient tester = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(testKubeconfig))).build()) {
            HasMetadata command = tester.resource(commandYaml).create();
            GenericKubernetesResource done = tester.genericKubernetesResources(COMMAND_EXECUTIONS).inNamespace(ns)
                    .withName(command.getMetadata().getName())
                    .waitUntilCondition(ce -> ce != null && ce.get("status") != null
                            && List.of("Succeeded", "Failed", "Denied").contains(String.valueOf(((java.util.Map<?, ?>) ce.get("status")).get("phase"))),
                            2, TimeUnit.MINUTES);
            java.util.Map<?, ?> status = (java.util.Map<?, ?>) done.get("status");
            assertThat(status.get("phase")).as("status: %s\noperator log:\n%s", status, Files.readString(operatorLog)).isEqualTo("Succeeded");
            assertThat(String.valueOf(status.get("result"))).contains("rc-kubechat-operator", "rc-kubechat-gateway");
            assertThat(((java.util.Map<?, ?>) status.get("auditRef")).get("sequence")).isNotNull();
        }
        // The chart's tracing values reach the collector; the reconcile of the test's command is a span.
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.received("kubechat-operator", "CommandExecution reconcile"));
        // A missing permission need not fail a command (an Event not written, a Lease not renewed), so read the logs too:
        // the API server's refusals name the ServiceAccount.
        Path keep = Files.createDirectories(Path.of("target/rendered-configuration"));
        for (String component : List.of("operator", "gateway")) {
            Path log = work.resolve(component + ".log");
            if (Files.exists(log)) {
                Files.copy(log, keep.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.readString(log)).as("%s log", component)
                        .doesNotContain("system:serviceaccount:" + ns + ":rc-kubechat-" + component + "\" cannot");
                // The chart's default log format: one JSON object per line, after the JVM's own notice of its options.
                assertThat(Files.readAllLines(log)).filteredOn(line -> !line.isBlank() && !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                        .isNotEmpty()
                        .allSatisfy(line -> assertThat(Rendered.YAML.readTree(line).has("message")).as("JSON log line: %s", line).isTrue());
            }
        }
    }
}
