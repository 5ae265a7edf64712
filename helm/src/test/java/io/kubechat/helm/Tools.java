package io.kubechat.helm;

import io.kubechat.testsupport.PinnedTools;
import io.kubechat.testsupport.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pinned binaries (helm, kubeconform, operator-sdk) and the offline Kubernetes OpenAPI document,
 * from the cache {@code hack/build-tools.sh} fills. Tests without a cluster ask the script for the
 * directory (it returns at once once built); tests with one use {@code LocalCluster.binDir()}, the same place.
 */
final class Tools {

    private Tools() {
    }

    static Path chartDir() {
        return PinnedTools.repoRoot().resolve("helm/kubechat");
    }

    /** Runs a pinned tool and returns what it printed, whether or not it succeeded. */
    static ProcessResult run(String tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(PinnedTools.binDir().resolve(tool).toString());
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
