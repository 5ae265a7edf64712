package io.kubechat.helm;

import io.kubechat.testsupport.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pinned binaries (helm, kubeconform, operator-sdk) and the offline Kubernetes OpenAPI document,
 * from the cache {@code hack/build-tools.sh} fills. Tests without a cluster ask the script for the
 * directory (it returns at once once built); tests with one use {@code LocalCluster.binDir()}, the same place.
 */
final class Tools {

    private static Path binDir;

    private Tools() {
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("hack/build-tools.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("hack/build-tools.sh not found above " + Path.of("").toAbsolutePath());
    }

    static Path chartDir() {
        return repoRoot().resolve("helm/kubechat");
    }

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

    /** Runs a pinned tool and returns what it printed, whether or not it succeeded. */
    static ProcessResult run(String tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binDir().resolve(tool).toString());
        command.addAll(args);
        return ProcessResult.run(command, 600);
    }

    /** Runs a pinned tool and fails with its output unless it succeeds. */
    static String runOk(String tool, List<String> args) {
        ProcessResult result = run(tool, args);
        if (!result.succeeded()) {
            throw new AssertionError(tool + " " + String.join(" ", args) + " failed (" + result.exitCode() + "):\n"
                    + result.stdout() + "\n" + result.stderr());
        }
        return result.stdout();
    }
}
