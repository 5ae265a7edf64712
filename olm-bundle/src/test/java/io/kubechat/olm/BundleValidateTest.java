package io.kubechat.olm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.testsupport.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle passes operator-sdk's validation, including the optional operatorframework suite. */
class BundleValidateTest {

    private static ProcessResult validate(Path bundle) {
        return ProcessResult.run(List.of(PinnedTools.binDir().resolve("operator-sdk").toString(), "bundle", "validate",
                bundle.toString(), "--select-optional", "suite=operatorframework"), 300);
    }

    @Test
    void passesOperatorSdkBundleValidateWithTheOperatorFrameworkSuite() {
        ProcessResult result = validate(Bundle.dir());
        String output = result.stdout() + result.stderr();
        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output).contains("All validation tests have completed successfully").doesNotContain("level=warning").doesNotContain("level=error");
    }

    /** The check above means something only if a broken bundle fails it. */
    @Test
    void anExampleOfAKindTheBundleDoesNotOwnFails(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(Bundle.dir())) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Bundle.dir().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path csv = copy.resolve("manifests/kubechat.clusterserviceversion.yaml");
        Files.writeString(csv, Files.readString(csv).replace("\"kind\" : \"ChatSession\"", "\"kind\" : \"ChatSessionTypo\""));
        ProcessResult result = validate(copy);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout() + result.stderr()).contains("Kind=ChatSessionTypo: example must have a provided API");
    }
}
