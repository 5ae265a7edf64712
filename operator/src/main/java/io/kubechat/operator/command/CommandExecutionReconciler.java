package io.kubechat.operator.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubechat.crds.v1alpha1.Approval;
import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.PolicyAction;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.operator.access.AccessRequirement;
import io.kubechat.operator.access.AccessReview;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.RequiredAccess;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.operator.execute.CommandExecutor;
import io.kubechat.operator.execute.CommandRefusedException;
import io.kubechat.operator.execute.ObjectNotFoundException;
import io.kubechat.operator.execute.RequesterClients;
import io.kubechat.operator.execute.ResultLimits;
import io.kubechat.operator.policy.PolicyDecision;
import io.kubechat.operator.policy.PolicyEvaluator;
import io.kubechat.operator.status.CommandExecutionStatuses;
import io.kubechat.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a CommandExecution from request to outcome: translate, rate, authorize the requester,
 * apply policy, hold for approval, execute as the requester, record the result.
 *
 * <p>Exactly once: before a command runs, the Running phase is written with the resource version
 * the reconcile read, so a second operator or a retried reconcile cannot start it again. A command
 * found Running with no outcome is re-run only if it is a read; a write becomes Failed, because
 * whether it took effect is unknown.
 */
@ApplicationScoped
@ControllerConfiguration(name = "commandexecution")
public class CommandExecutionReconciler implements Reconciler<CommandExecution> {

    private static final Set<Verb> READS = EnumSet.of(Verb.GET, Verb.DESCRIBE, Verb.LOGS, Verb.EVENTS, Verb.TOP,
            Verb.ROLLOUT_STATUS, Verb.ROLLOUT_HISTORY, Verb.AUTH_CAN_I, Verb.EXPLAIN, Verb.API_RESOURCES, Verb.VERSION,
            Verb.CLUSTER_INFO);

    private final KubernetesClient client;
    private final String operatorNamespace;
    private final Clock clock = Clock.systemUTC();
    private final KindResolver kinds;
    private final AccessReview accessReview;
    private final RequesterClients requesters;
    private final CommandExecutor executor;
    private final CommandTranslation translation = new CommandTranslation();
    private final EventRecorder events;

    public CommandExecutionReconciler(KubernetesClient client,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String operatorNamespace,
            @ConfigProperty(name = "kubechat.execution.timeout", defaultValue = "30s") Duration timeout) {
        this.client = client;
        this.operatorNamespace = operatorNamespace;
        this.kinds = new KindResolver(client);
        this.accessReview = new AccessReview(client);
        this.requesters = new RequesterClients(client);
        this.executor = new CommandExecutor(ResultLimits.STATUS, timeout.toSeconds(), clock);
        this.events = new EventRecorder(client, clock);
    }

    @Override
    public UpdateControl<CommandExecution> reconcile(CommandExecution ce, Context<CommandExecution> context) {
        CommandExecutionStatus status = ce.getStatus();
        if (status != null && status.phase() != null && status.phase().isTerminal()) {
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        CommandExecutionStatuses next = new CommandExecutionStatuses(ce.getMetadata().getGeneration(), now);
        Identity requester = ce.getSpec().requester();
        if (requester == null) {
            return finish(ce, next.failed(status, "NoRequester", "spec.requester is missing; name the user the command runs as"), "NoRequester");
        }
        String defaultNamespace = defaultNamespace(ce);

        if (status == null || status.phase() == null) {
            TranslationResult translated = translation.translate(ce.getSpec(), requesters.as(requester), defaultNamespace);
            if (!translated.understood()) {
                return finish(ce, next.notUnderstood(status, translated.translation(), translated.error()), "NotUnderstood");
            }
            status = next.translated(status, translated.translation(), translated.risk());
            events.normal(ce, "Translated", status.translation().kubectl());
        }

        Command command = status.translation().command();
        ResourceKind kind = null;
        if (command.resource() != null) {
            Optional<ResourceKind> resolved = kinds.resolve(command.resource());
            if (resolved.isEmpty()) {
                return finish(ce, next.failed(status, "UnknownKind", "the cluster serves no kind " + command.resource().kind()), "UnknownKind");
            }
            kind = resolved.get();
        }
        String namespace = effectiveNamespace(command, kind, defaultNamespace);

        if (status.phase() == ExecutionPhase.Translated) {
            Authorization authorization = accessReview.review(requester, RequiredAccess.of(command, kind, namespace));
            if (!authorization.allowed()) {
                return finish(ce, next.denied(status, authorization), "Denied");
            }
            PolicyDecision decision = PolicyEvaluator.decide(command, namespace, status.risk().level(), policies(ce));
            if (decision.action() == PolicyAction.Deny) {
                return finish(ce, next.deniedByPolicy(status, authorization, decision.message()), "DeniedByPolicy");
            }
            if (decision.action() == PolicyAction.RequireApproval) {
                status = next.awaitingApproval(status, authorization, now.plus(decision.expireAfter()), decision.message());
                events.normal(ce, "AwaitingApproval", decision.message());
            } else {
                status = next.authorized(status, authorization);
            }
        }

        if (status.phase() == ExecutionPhase.AwaitingApproval) {
            Approval approval = ce.getSpec().approval();
            if (approval == null) {
                Instant expiry = Instant.parse(status.approvalExpiryTime());
                if (!now.isBefore(expiry)) {
                    return finish(ce, next.expired(status), "Expired");
                }
                ce.setStatus(status);
                return UpdateControl.patchStatus(ce).rescheduleAfter(Duration.between(now, expiry).plusSeconds(1));
            }
            Optional<String> refusal = approvalRefusal(ce, approval, command, namespace, status.risk().level());
            if (refusal.isPresent()) {
                return finish(ce, next.rejected(status, "ApprovalNotValid", refusal.get()), "ApprovalNotValid");
            }
            if (approval.decision() == ApprovalDecision.REJECTED) {
                String message = "rejected by " + approval.approver().user() + (approval.reason() == null ? "" : ": " + approval.reason());
                return finish(ce, next.rejected(status, "Rejected", message), "Rejected");
            }
            status = next.approved(status, approval.approver().user());
            events.normal(ce, "Approved", "approved by " + approval.approver().user());
        }

        if (status.phase() == ExecutionPhase.Running) {
            if (!READS.contains(command.verb())) {
                return finish(ce, next.failed(status, "OutcomeUnknown",
                        "the operator stopped while this command ran; check the cluster before asking again"), "OutcomeUnknown");
            }
        } else {
            status = next.running(status);
            if (!claim(ce, status)) {
                // Another reconcile or operator replica moved the resource on; its outcome stands.
                return UpdateControl.noUpdate();
            }
        }
        return finish(ce, execute(ce, next, status, requester, command, kind, namespace), null);
    }

    private CommandExecutionStatus execute(CommandExecution ce, CommandExecutionStatuses next, CommandExecutionStatus running,
            Identity requester, Command command, ResourceKind kind, String namespace) {
        try {
            CommandResult result = executor.execute(requesters.as(requester), command, kind, namespace);
            events.normal(ce, "Succeeded", result.summary());
            return next.succeeded(running, result);
        } catch (CommandRefusedException e) {
            return next.failed(running, "Refused", e.getMessage());
        } catch (ObjectNotFoundException e) {
            return next.failed(running, "NotFound", e.getMessage());
        } catch (KubernetesClientException e) {
            return next.failed(running, e.getCode() == 403 ? "Forbidden" : "ApiError", apiMessage(e));
        }
    }

    /** Writes Running only if the resource is still the version this reconcile read. */
    private boolean claim(CommandExecution ce, CommandExecutionStatus running) {
        CommandExecution claimed = new CommandExecution();
        claimed.setMetadata(ce.getMetadata());
        claimed.setSpec(ce.getSpec());
        claimed.setStatus(running);
        try {
            CommandExecution updated = client.resource(claimed).lockResourceVersion(ce.getMetadata().getResourceVersion()).updateStatus();
            ce.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Why an approval cannot count, if it cannot: right to approve, a distinct approver, approver groups. */
    private Optional<String> approvalRefusal(CommandExecution ce, Approval approval, Command command, String namespace, RiskLevel risk) {
        Identity approver = approval.approver();
        if (approver == null) {
            return Optional.of("the approval names no approver");
        }
        PolicyDecision decision = PolicyEvaluator.decide(command, namespace, risk, policies(ce));
        if (decision.requireDistinctApprover() && approver.user().equals(ce.getSpec().requester().user())) {
            return Optional.of(approver.user() + " may not approve their own command");
        }
        if (!decision.approverGroups().isEmpty() && (approver.groups() == null
                || approver.groups().stream().noneMatch(decision.approverGroups()::contains))) {
            return Optional.of(approver.user() + " is in none of the approver groups " + decision.approverGroups());
        }
        Authorization mayApprove = accessReview.review(approver, List.of(new AccessRequirement("approve", "kubechat.io",
                "commandexecutions", null, ce.getMetadata().getNamespace(), ce.getMetadata().getName())));
        if (!mayApprove.allowed()) {
            return Optional.of(approver.user() + " may not approve commandexecutions in namespace " + ce.getMetadata().getNamespace());
        }
        return Optional.empty();
    }

    private UpdateControl<CommandExecution> finish(CommandExecution ce, CommandExecutionStatus status, String warningReason) {
        if (warningReason != null) {
            events.warning(ce, warningReason, Conditions.find(status.conditions(), CommandExecutionStatuses.SUCCEEDED)
                    .map(c -> c.message()).orElse(warningReason));
        }
        ce.setStatus(status);
        return UpdateControl.patchStatus(ce);
    }

    private List<ExecutionPolicy> policies(CommandExecution ce) {
        List<ExecutionPolicy> policies = new ArrayList<>(client.resources(ExecutionPolicy.class)
                .inNamespace(ce.getMetadata().getNamespace()).list().getItems());
        if (!operatorNamespace.equals(ce.getMetadata().getNamespace())) {
            policies.addAll(client.resources(ExecutionPolicy.class).inNamespace(operatorNamespace).list().getItems());
        }
        return policies;
    }

    /** The session's namespace when the command belongs to one that sets it, else the CommandExecution's. */
    private String defaultNamespace(CommandExecution ce) {
        if (ce.getSpec().sessionRef() != null) {
            ChatSession session = client.resources(ChatSession.class).inNamespace(ce.getMetadata().getNamespace())
                    .withName(ce.getSpec().sessionRef().name()).get();
            if (session != null && session.getSpec() != null && session.getSpec().namespace() != null) {
                return session.getSpec().namespace();
            }
        }
        return ce.getMetadata().getNamespace();
    }

    private static String effectiveNamespace(Command command, ResourceKind kind, String defaultNamespace) {
        if (kind == null || !kind.namespaced() || Boolean.TRUE.equals(command.allNamespaces())) {
            return null;
        }
        return command.namespace() != null ? command.namespace() : defaultNamespace;
    }

    private static String apiMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
