package io.kubechat.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository and the pinned binaries (kubectl, helm, kubeconform, operator-sdk, ...) that
 * {@code hack/build-tools.sh} builds once into its cache, for tests that need them without a cluster.
 */
public final class PinnedTools {

    private static Path binDir;

    private PinnedTools() {
    }

    /** The first directory above the working directory that holds {@code hack/build-tools.sh}. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("hack/build-tools.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("hack/build-tools.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** The binaries' directory, which the script prints last (at once when they are already built). */
    public static synchronized Path binDir() {
        if (binDir == null) {
            ProcessResult result = ProcessResult.run(List.of(repoRoot().resolve("hack/build-tools.sh").toString()), 3600);
            if (!result.succeeded()) {
                throw new IllegalStateException("hack/build-tools.sh failed:\n" + result.stderr());
            }
            String[] lines = result.stdout().strip().split("\n");
            binDir = Path.of(lines[lines.length - 1].strip());
        }
        return binDir;
    }
}
