package io.kubechat.helm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import io.kubechat.testsupport.ProcessResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.MountableFile;

/**
 * The whole product on a real Kubernetes (kind, in Docker, through Testcontainers): the chart installs
 * the operator and gateway images and the bundled PostgreSQL, real containers start, and {@code helm test}
 * checks their health and runs a safe CommandExecution; then an upgrade and a rollback, each followed by
 * {@code helm test} again. Needs a Docker engine and the images built into it
 * ({@code -Dkubechat.e2e.operator-image=... -Dkubechat.e2e.gateway-image=...}, see .github/workflows/ci.yml);
 * elsewhere it is skipped, saying why.
 */
class KindE2E {

    private static final String NS = "kubechat-system";
    @TempDir
    static Path work;
    private static KindContainer<?> kind;
    private static Path kubeconfig;
    private static String operatorImage;
    private static String gatewayImage;

    /** Called by the test rather than in @BeforeAll, so that a skip is reported as one, with its reason. */
    private static void startKind() throws Exception {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine here: the kind end-to-end suite did not run (it runs in .github/workflows/ci.yml)");
        operatorImage = System.getProperty("kubechat.e2e.operator-image", "");
        gatewayImage = System.getProperty("kubechat.e2e.gateway-image", "");
        Assumptions.assumeFalse(operatorImage.isBlank() || gatewayImage.isBlank(),
                "set -Dkubechat.e2e.operator-image and -Dkubechat.e2e.gateway-image to images in the local Docker engine (jib:dockerBuild)");
        kind = new KindContainer<>(KindContainerVersion.VERSION_1_34_0);
        kind.start();
        kubeconfig = work.resolve("kind.kubeconfig");
        Files.writeString(kubeconfig, kind.getKubeconfig());
        for (String image : List.of(operatorImage, gatewayImage, "docker.io/library/postgres:17.7", "registry.k8s.io/kubectl:v1.35.4")) {
            load(image);
        }
    }

    @AfterAll
    static void stopKind() {
        if (kind != null) {
            kind.stop();
        }
    }

    /** Copies an image from the Docker engine into kind's containerd, so nothing is pulled from the node. */
    private static void load(String image) throws Exception {
        var docker = DockerClientFactory.instance().client();
        if (docker.listImagesCmd().withImageNameFilter(image).exec().isEmpty()) {
            docker.pullImageCmd(image).start().awaitCompletion();
        }
        Path tar = work.resolve(image.replaceAll("[^a-zA-Z0-9.-]", "_") + ".tar");
        try (InputStream in = docker.saveImageCmd(image).exec()) {
            Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        kind.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/image.tar");
        var result = kind.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/image.tar");
        assertThat(result.getExitCode()).as("ctr import %s: %s", image, result.getStderr()).isZero();
    }

    private static String helm(String... args) {
        List<String> command = new ArrayList<>(List.of(PinnedTools.binDir().resolve("helm").toString(), "--kubeconfig=" + kubeconfig));
        command.addAll(List.of(args));
        ProcessResult result = ProcessResult.run(command, 900);
        assertThat(result.exitCode()).as("helm %s:\n%s\n%s", String.join(" ", args), result.stdout(), result.stderr()).isZero();
        return result.stdout();
    }

    private static List<String> imageValues() {
        return List.of(
                "--set", "global.imageRegistry=",
                "--set", "operator.image.registry=", "--set", "operator.image.repository=" + repository(operatorImage),
                "--set", "operator.image.tag=" + tag(operatorImage), "--set", "operator.image.pullPolicy=Never",
                "--set", "gateway.image.registry=", "--set", "gateway.image.repository=" + repository(gatewayImage),
                "--set", "gateway.image.tag=" + tag(gatewayImage), "--set", "gateway.image.pullPolicy=Never");
    }

    private static String repository(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    @Test
    void installTestUpgradeRollBackTest() throws Exception {
        startKind();
        List<String> install = new ArrayList<>(List.of("install", "kc", Tools.chartDir().toString(), "-n", NS, "--create-namespace",
                "--wait", "--timeout", "10m"));
        install.addAll(imageValues());
        helm(install.toArray(String[]::new));
        assertThat(helm("test", "kc", "-n", NS, "--timeout", "5m")).contains("Phase:          Succeeded");

        List<String> upgrade = new ArrayList<>(List.of("upgrade", "kc", Tools.chartDir().toString(), "-n", NS, "--wait", "--timeout", "10m",
                "--set", "gateway.replicas=2", "--set", "operator.executionTimeout=45s"));
        upgrade.addAll(imageValues());
        helm(upgrade.toArray(String[]::new));
        assertThat(helm("test", "kc", "-n", NS, "--timeout", "5m")).doesNotContain("Phase:          Failed");

        helm("rollback", "kc", "1", "-n", NS, "--wait", "--timeout", "10m");
        assertThat(helm("test", "kc", "-n", NS, "--timeout", "5m")).doesNotContain("Phase:          Failed");
        assertThat(helm("history", "kc", "-n", NS)).contains("Rollback to 1");
    }
}
