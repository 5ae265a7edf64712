package io.kubechat.olm;

import io.kubechat.testsupport.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository, the bundle and the pinned tools are. */
final class Bundle {

    private static Path binDir;

    private Bundle() {
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("hack/build-tools.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("hack/build-tools.sh not found above " + Path.of("").toAbsolutePath());
    }

    static Path dir() {
        return repoRoot().resolve("olm-bundle/bundle");
    }

    /** The pinned binaries (helm, operator-sdk), built once by hack/build-tools.sh, which prints their directory last. */
    static synchronized Path binDir() {
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
