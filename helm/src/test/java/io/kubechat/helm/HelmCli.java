package io.kubechat.helm;

import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.ProcessResult;
import java.util.ArrayList;
import java.util.List;

/** The pinned helm against the local cluster, as its admin. */
record HelmCli(LocalCluster cluster) {

    ProcessResult run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(cluster.binDir().resolve("helm").toString());
        command.add("--kubeconfig=" + cluster.kubeconfig("admin"));
        command.addAll(List.of(args));
        return ProcessResult.run(command, 600);
    }

    String ok(String... args) {
        ProcessResult result = run(args);
        if (!result.succeeded()) {
            throw new AssertionError("helm " + String.join(" ", args) + " failed (" + result.exitCode() + "):\n"
                    + result.stdout() + "\n" + result.stderr());
        }
        return result.stdout();
    }
}
