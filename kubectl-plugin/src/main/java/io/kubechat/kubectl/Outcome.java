package io.kubechat.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.Identity;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Following a CommandExecution the plugin created to its outcome, for ask and diagnose alike. */
final class Outcome {

    private Outcome() {
    }

    /** Watches the CommandExecution until it ends (or waits for approval, or times out) and prints each step. */
    static int follow(KubernetesClient client, String namespace, String name, Identity requester, boolean waitApproval,
                      Duration timeout, PrintWriter out, PrintWriter err) throws InterruptedException {
        BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
        // An informer lists, then watches, and re-lists after a dropped watch, so no update in between is lost.
        try (SharedIndexInformer<CommandExecution> informer = client.resources(CommandExecution.class).inNamespace(namespace)
                .withName(name).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(CommandExecution obj) {
                        updates.add(new Update(obj, false));
                    }

                    @Override
                    public void onUpdate(CommandExecution oldObj, CommandExecution newObj) {
                        updates.add(new Update(newObj, false));
                    }

                    @Override
                    public void onDelete(CommandExecution obj, boolean deletedFinalStateUnknown) {
                        updates.add(new Update(obj, true));
                    }
                })) {
            Progress progress = new Progress(out, err, requester);
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                Update update = left > 0 ? updates.poll(left, TimeUnit.MILLISECONDS) : null;
                if (update == null) {
                    err.println("timed out after " + timeout.toSeconds() + "s; commandexecution " + name + " is "
                            + progress.phase() + " (kubectl get ce " + name + " -n " + namespace + ")");
                    err.flush();
                    return ExitCodes.TIMED_OUT;
                }
                if (update.deleted()) {
                    err.println("commandexecution " + name + " was deleted while " + progress.phase());
                    err.flush();
                    return ExitCodes.NOT_SUCCEEDED;
                }
                Integer exit = progress.show(update.ce(), waitApproval);
                if (exit != null) {
                    return exit;
                }
            }
        }
    }

    private record Update(CommandExecution ce, boolean deleted) {
    }
}
