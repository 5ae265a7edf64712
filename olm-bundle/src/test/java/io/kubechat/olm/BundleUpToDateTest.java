package io.kubechat.olm;

import io.kubechat.testsupport.PinnedTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in bundle is exactly what {@link BundleGenerator} makes from the chart, the RBAC rule
 * files, the CRDs and the examples. {@code make olm-bundle} (this test with -Dolm.bundle.write=true)
 * rewrites it.
 */
class BundleUpToDateTest {

    @Test
    void checkedInBundleIsGeneratedFromTheChartSources() throws IOException {
        Map<String, String> generated = new BundleGenerator(PinnedTools.repoRoot(), PinnedTools.binDir().resolve("helm")).generate();
        Path dir = Bundle.dir();
        if (Boolean.getBoolean("olm.bundle.write")) {
            for (Path stale : files(dir)) {
                Files.delete(dir.resolve(stale));
            }
            for (var file : generated.entrySet()) {
                Files.createDirectories(dir.resolve(file.getKey()).getParent());
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
        }
        assertThat(files(dir).stream().map(Path::toString).sorted().toList())
                .as("files in olm-bundle/bundle; run `make olm-bundle`").isEqualTo(generated.keySet().stream().sorted().toList());
        for (var file : generated.entrySet()) {
            assertThat(Files.readString(dir.resolve(file.getKey())))
                    .as("olm-bundle/bundle/%s is stale; run `make olm-bundle`", file.getKey()).isEqualTo(file.getValue());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).toList();
        }
    }
}
