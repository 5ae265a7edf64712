package io.kubechat.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.testsupport.LocalCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a packaged Quarkus application exactly as a Deployment the chart installed would run it in
 * its pod: the container's env (values, ConfigMap and Secret references, the downward API resolved
 * against one of the Deployment's own pods), its command arguments, its mounted Secrets and
 * ConfigMaps, and the rights of its ServiceAccount (a token from the TokenRequest API, so the API
 * server applies the chart's RBAC). Two things cannot be as in a pod and are translated: mount paths
 * are re-rooted under a temporary directory (and env values naming them follow), and the API server
 * is reached through a kubeconfig instead of the in-cluster service address.
 */
final class RenderedProcess {

    private RenderedProcess() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What the container of {@code deployment} gets, ready to hand to a process. */
    record Launch(List<String> args, Map<String, String> env, Path root) {
    }

    static Launch prepare(LocalCluster cluster, String namespace, String deployment, Path root) throws IOException {
        KubernetesClient admin = cluster.admin();
        Deployment d = admin.apps().deployments().inNamespace(namespace).withName(deployment).get();
        PodSpec spec = d.getSpec().getTemplate().getSpec();
        Container container = spec.getContainers().get(0);
        Pod pod = admin.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().get(0);

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(admin.configMaps().inNamespace(namespace).withName(from.getConfigMapRef().getName()).get().getData());
            } else if (from.getSecretRef() != null) {
                secretData(admin, namespace, from.getSecretRef().getName()).forEach(env::put);
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), resolve(admin, namespace, pod, var));
        }

        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            Path dir = root.resolve(mount.getMountPath().substring(1));
            Files.createDirectories(dir);
            mounts.put(mount.getMountPath(), dir);
            if (volume.getSecret() != null) {
                Map<String, String> data = secretData(admin, namespace, volume.getSecret().getSecretName());
                writeItems(dir, data, volume.getSecret().getItems());
            } else if (volume.getConfigMap() != null) {
                ConfigMap map = admin.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                writeItems(dir, map.getData(), volume.getConfigMap().getItems());
            } else if (volume.getEmptyDir() == null) {
                throw new IllegalStateException("volume " + volume.getName() + " of " + deployment + " is of a kind this test cannot provide");
            }
        }
        env.replaceAll((name, value) -> {
            for (var mount : mounts.entrySet()) {
                if (value != null && value.startsWith(mount.getKey() + "/")) {
                    return mount.getValue() + value.substring(mount.getKey().length());
                }
            }
            return value;
        });

        String serviceAccount = spec.getServiceAccountName();
        env.put("KUBECONFIG", kubeconfigFor(cluster, namespace, serviceAccount, root).toString());

        List<String> args = new ArrayList<>();
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            throw new IllegalStateException(deployment + " overrides the image's entrypoint; this test runs the image's java -jar");
        }
        if (container.getArgs() != null) {
            args.addAll(container.getArgs());
        }
        return new Launch(args, env, root);
    }

    private static Map<String, String> secretData(KubernetesClient admin, String namespace, String name) {
        Secret secret = admin.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException("secret " + namespace + "/" + name + " does not exist");
        }
        Map<String, String> out = new LinkedHashMap<>();
        secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }

    private static void writeItems(Path dir, Map<String, String> data, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (var entry : data.entrySet()) {
                Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            }
            return;
        }
        for (KeyToPath item : items) {
            Files.writeString(dir.resolve(item.getPath()), data.get(item.getKey()));
        }
    }

    private static String resolve(KubernetesClient admin, String namespace, Pod pod, EnvVar var) {
        if (var.getValueFrom() == null) {
            return var.getValue();
        }
        var from = var.getValueFrom();
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> pod.getMetadata().getNamespace();
                default -> throw new IllegalStateException("unsupported fieldRef " + from.getFieldRef().getFieldPath());
            };
        }
        if (from.getSecretKeyRef() != null) {
            return secretData(admin, namespace, from.getSecretKeyRef().getName()).get(from.getSecretKeyRef().getKey());
        }
        if (from.getConfigMapKeyRef() != null) {
            return admin.configMaps().inNamespace(namespace).withName(from.getConfigMapKeyRef().getName()).get().getData()
                    .get(from.getConfigMapKeyRef().getKey());
        }
        throw new IllegalStateException("unsupported valueFrom in " + var.getName());
    }

    /** A kubeconfig holding a token of {@code serviceAccount}, as the kubelet would project into its pod. */
    static Path kubeconfigFor(LocalCluster cluster, String namespace, String serviceAccount, Path dir) throws IOException {
        var token = cluster.admin().serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        var config = cluster.admin().getConfiguration();
        String ca = config.getCaCertData() != null ? config.getCaCertData()
                : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        Path file = dir.resolve(serviceAccount + ".kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                users: [{name: sa, user: {token: "%s"}}]
                contexts: [{name: sa, context: {cluster: local, user: sa, namespace: "%s"}}]
                current-context: sa
                """.formatted(config.getMasterUrl(), ca, token, namespace));
        return file;
    }

    /** Starts {@code java -jar jar ARGS} with exactly the prepared environment; output goes to {@code log}. */
    static Process start(Path jar, Launch launch, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", launch.root().toString());
        builder.environment().putAll(launch.env());
        return builder.start();
    }

    /** Waits until {@code url} answers 200, failing with the process log if it does not within {@code timeout}. */
    static String awaitOk(String url, Duration timeout, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("process exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " did not answer 200 within " + timeout + "; last: " + last + "\nlog:\n" + Files.readString(log));
    }
}
