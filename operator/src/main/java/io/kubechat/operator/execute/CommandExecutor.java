package io.kubechat.operator.execute;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.operator.access.ResourceKind;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a structured command through the Kubernetes API with a client that acts as the requester.
 * Never a shell, never kubectl: each verb is the API calls kubectl would make.
 */
public final class CommandExecutor {

    /** Verbs whose command carries the values it writes; create has its own refusal in {@link Creates}. */
    private static final Set<Verb> WRITES_VALUES = EnumSet.of(Verb.APPLY, Verb.PATCH);
    private static final Set<String> ROLLED_OUT = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private final TableReader tables;
    private final Reads reads;
    private final Clock clock;
    private final Rollouts rollouts = new Rollouts();
    private final RevisionRollouts revisionRollouts = new RevisionRollouts();
    private final Nodes nodes = new Nodes();
    private final Creates creates = new Creates();
    private final Explain explain = new Explain();
    private final Diagnoses diagnoses;

    public CommandExecutor(ResultLimits limits, long timeoutSeconds, Clock clock) {
        this.tables = new TableReader(limits, timeoutSeconds);
        this.reads = new Reads(limits);
        this.diagnoses = new Diagnoses(limits);
        this.clock = clock;
    }

    /**
     * @param asRequester a client impersonating the requester (see {@link RequesterClients})
     * @param kind        the resolved kind of the command's resource; null for verbs without one
     * @param namespace   the effective namespace; null for all namespaces or cluster-scoped kinds
     * @throws CommandRefusedException  when the command cannot be carried out as asked
     * @throws ObjectNotFoundException  when the named object does not exist
     */
    public CommandResult execute(KubernetesClient asRequester, Command command, ResourceKind kind, String namespace) {
        return execute(asRequester, command, kind, namespace, Redaction.SECRETS_ONLY);
    }

    /** @param redaction what results hide besides Secret values, from the policies that apply */
    public CommandResult execute(KubernetesClient asRequester, Command command, ResourceKind kind, String namespace, Redaction redaction) {
        if (kind != null && "Secret".equals(kind.kind()) && WRITES_VALUES.contains(command.verb())) {
            throw new CommandRefusedException(command.verb().name().toLowerCase(Locale.ROOT) + " of a Secret is not offered: its values would be stored"
                    + " in the CommandExecution; create or change it with kubectl or your secret manager");
        }
        Target target = new Target(asRequester, kind, namespace, command.name(), command.selector());
        CommandArguments args = command.arguments();
        Writes writes = new Writes(clock, args != null && Boolean.TRUE.equals(args.all()));
        return switch (command.verb()) {
            case GET -> output(args) == null || "table".equals(output(args)) || "wide".equals(output(args))
                    ? tables.read(asRequester, kind, namespace, command.name(), command.selector(), "wide".equals(output(args)))
                    : reads.render(target, output(args), redaction);
            case DESCRIBE -> reads.describe(target, redaction);
            case DIAGNOSE -> diagnoses.diagnose(target);
            case LOGS -> reads.logs(target, args);
            case EVENTS -> reads.events(asRequester, command, kind, namespace);
            case TOP -> reads.top(asRequester, kind, namespace);
            case ROLLOUT_STATUS -> isDeployment(command, kind) ? rollouts.status(asRequester, namespace, command.name())
                    : revisionRollouts.status(asRequester, kind.kind(), namespace, command.name());
            case ROLLOUT_HISTORY -> isDeployment(command, kind) ? rollouts.history(asRequester, namespace, command.name())
                    : revisionRollouts.history(asRequester, kind.kind(), namespace, command.name());
            case ROLLOUT_UNDO -> isDeployment(command, kind)
                    ? rollouts.undo(asRequester, namespace, command.name(), args == null ? null : args.toRevision())
                    : revisionRollouts.undo(asRequester, kind.kind(), namespace, command.name(), args == null ? null : args.toRevision());
            case ROLLOUT_RESTART -> writes.restart(target);
            case ROLLOUT_PAUSE -> writes.pause(target, true);
            case ROLLOUT_RESUME -> writes.pause(target, false);
            case SCALE -> writes.scale(target, args.replicas());
            case SET_IMAGE -> writes.setImage(target, args.images());
            case SET_ENV -> writes.setEnv(target, args);
            case SET_RESOURCES -> writes.setResources(target, args);
            case SET_SERVICEACCOUNT -> writes.setServiceAccount(target, args.serviceAccount());
            case LABEL -> writes.metadata(target, "labels", args == null ? null : args.labels(), args == null ? null : args.removeLabels(), overwrite(args));
            case ANNOTATE -> writes.metadata(target, "annotations", args == null ? null : args.annotations(),
                    args == null ? null : args.removeAnnotations(), overwrite(args));
            case PATCH -> writes.patch(target, args);
            case APPLY -> writes.apply(target, command.manifest());
            case DELETE -> writes.delete(target, args == null ? null : args.gracePeriodSeconds());
            case CORDON -> nodes.cordon(asRequester, requireName(command), true);
            case UNCORDON -> nodes.cordon(asRequester, requireName(command), false);
            case TAINT -> nodes.taint(asRequester, requireName(command), args == null ? null : args.taints());
            case DRAIN -> nodes.drain(asRequester, requireName(command), args);
            case CREATE -> creates.create(target, command);
            case EXPOSE -> creates.expose(target, args);
            case AUTOSCALE -> creates.autoscale(target, args);
            case AUTH_CAN_I -> reads.canI(asRequester, command, kind, namespace);
            case EXPLAIN -> explain.explain(asRequester, kind, args == null ? null : args.fieldPath());
            case API_RESOURCES -> reads.apiResources(asRequester);
            case VERSION -> reads.version(asRequester);
            case CLUSTER_INFO -> reads.clusterInfo(asRequester);
        };
    }

    private static String output(CommandArguments args) {
        return args == null ? null : args.output();
    }

    private static boolean overwrite(CommandArguments args) {
        return args != null && Boolean.TRUE.equals(args.overwrite());
    }

    private static String requireName(Command command) {
        if (command.name() == null) {
            throw new CommandRefusedException(command.verb().name().toLowerCase(Locale.ROOT).replace('_', '-') + " needs a name");
        }
        return command.name();
    }

    /** Deployments roll out through ReplicaSets, StatefulSets and DaemonSets through ControllerRevisions. */
    private static boolean isDeployment(Command command, ResourceKind kind) {
        if (!ROLLED_OUT.contains(kind.kind())) {
            throw new CommandRefusedException("rollout status, history and undo are offered for deployments, statefulsets and daemonsets, not "
                    + kind.plural());
        }
        requireName(command);
        return "Deployment".equals(kind.kind());
    }
}
