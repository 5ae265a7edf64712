package io.kubechat.operator.command;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubechat.crds.v1alpha1.Approval;
import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.ChatSessionSpec;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.crds.v1alpha1.PolicyAction;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.risk.RiskClassifier;
import io.kubechat.audit.AuditUnavailableException;
import io.kubechat.chat.ChatHistoryException;
import io.kubechat.operator.access.AccessRequirement;
import io.kubechat.operator.access.RequiredAccess;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.operator.audit.AuditTrail;
import io.kubechat.operator.cluster.ClusterTarget;
import io.kubechat.operator.cluster.ClusterTargets;
import io.kubechat.operator.cluster.ClusterUnavailableException;
import io.kubechat.operator.execute.CommandExecutor;
import io.kubechat.operator.execute.CommandRefusedException;
import io.kubechat.operator.execute.ObjectNotFoundException;
import io.kubechat.operator.execute.Redaction;
import io.kubechat.operator.metrics.ExecutionMetrics;
import io.kubechat.operator.execute.ResultLimits;
import io.kubechat.operator.identity.Identities;
import io.kubechat.operator.identity.IdentityAdmission;
import io.kubechat.operator.policy.ExecutionPolicies;
import io.kubechat.operator.policy.PolicyDecision;
import io.kubechat.operator.policy.PolicyEvaluator;
import io.kubechat.operator.session.ChatMessages;
import io.kubechat.operator.status.CommandExecutionStatuses;
import io.kubechat.operator.status.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes a CommandExecution from request to outcome: translate, rate, authorize the requester,
 * apply policy, hold for approval, execute as the requester, record the result. The command runs on
 * the cluster it names (or its session names), and every check is made on that cluster.
 *
 * <p>Exactly once: before a write runs, the Running phase is written with the resource version
 * the reconcile read, so a second operator or a retried reconcile cannot start it again. A command
 * found Running with no outcome is re-run only if it is a read; a write becomes Failed, because
 * whether it took effect is unknown. Reads are not claimed at all: running one twice changes nothing.
 */
@ApplicationScoped
@ControllerConfiguration(name = "commandexecution", informer = @Informer(itemStore = CachedWithoutManagedFields.class))
public class CommandExecutionReconciler implements Reconciler<CommandExecution> {

    private static final Duration AUDIT_RETRY = Duration.ofSeconds(5);
    private static final Duration IDENTITY_RETRY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(CommandExecutionReconciler.class);

    private final KubernetesClient client;
    private final String operatorNamespace;
    private final Clock clock = Clock.systemUTC();
    private final ClusterTargets clusters;
    private final CommandExecutor executor;
    private final CommandTranslation translation;
    private final EventRecorder events;
    private final AuditTrail audit;
    private final ChatMessages chat;
    private final ExecutionPolicies policies;
    private final ExecutionMetrics metrics;
    private final IdentityAdmission identityAdmission;
    private final RiskClassifier classifier = new RiskClassifier();

    public CommandExecutionReconciler(KubernetesClient client, AuditTrail audit, ClusterTargets clusters, ChatMessages chat, ExecutionPolicies policies,
            ExecutionMetrics metrics, RequestTranslators translators, IdentityAdmission identityAdmission,
            @ConfigProperty(name = "kubechat.operator.namespace", defaultValue = "kubechat-system") String operatorNamespace,
            @ConfigProperty(name = "kubechat.execution.timeout", defaultValue = "30s") Duration timeout) {
        this.client = client;
        this.operatorNamespace = operatorNamespace;
        this.clusters = clusters;
        this.chat = chat;
        this.policies = policies;
        this.metrics = metrics;
        this.translation = new CommandTranslation(translators);
        this.executor = new CommandExecutor(ResultLimits.STATUS, timeout.toSeconds(), clock);
        this.events = new EventRecorder(client, clock, metrics::eventFailed);
        this.audit = audit;
        this.identityAdmission = identityAdmission;
    }

    @Override
    @WithSpan("CommandExecution reconcile")
    public UpdateControl<CommandExecution> reconcile(CommandExecution ce, Context<CommandExecution> context) {
        Span.current().setAttribute("k8s.namespace.name", ce.getMetadata().getNamespace())
                .setAttribute("kubechat.commandexecution", ce.getMetadata().getName());
        return writeStatus(ce, decide(ce, context), context);
    }

    /**
     * Writes the status a step decided with one JSON Patch that replaces it whole, and hands JOSDK
     * only the reschedule. Unlike the server-side apply JOSDK would send, the API server neither
     * parses it as YAML nor merges field ownership: the status write was a third of its CPU per command.
     * It carries no resourceVersion on purpose, as the apply did not: the claim made this reconcile
     * the only one running the command, and a conflict here would turn a finished write into OutcomeUnknown.
     */
    private UpdateControl<CommandExecution> writeStatus(CommandExecution ce, UpdateControl<CommandExecution> decided,
            Context<CommandExecution> context) {
        if (!decided.isPatchStatus()) {
            return decided;
        }
        String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(ce.getStatus()) + "}]";
        context.resourceOperations().resourcePatch(ce, current -> client.resources(CommandExecution.class)
                        .inNamespace(current.getMetadata().getNamespace()).withName(current.getMetadata().getName())
                        .subresource("status").patch(PatchContext.of(PatchType.JSON), patch),
                context.eventSourceRetriever().getControllerEventSource());
        UpdateControl<CommandExecution> written = UpdateControl.noUpdate();
        return decided.getScheduleDelay().map(written::rescheduleAfter).orElse(written);
    }

    private UpdateControl<CommandExecution> decide(CommandExecution ce, Context<CommandExecution> context) {
        metrics.countPending(context.getPrimaryCache());
        CommandExecutionStatus status = ce.getStatus();
        CommandExecutionStatuses next = new CommandExecutionStatuses(ce.getMetadata().getGeneration(), clock.instant());
        if (status != null && status.phase() != null && status.phase().isTerminal()) {
            if (Conditions.find(status.conditions(), CommandExecutionStatuses.AUDITED).filter(c -> c.status() == ConditionStatus.False).isPresent()) {
                return recordOutcome(ce, next, status, outcomeNamespace(ce, status));
            }
            return recordInSession(ce, status) ? UpdateControl.noUpdate() : UpdateControl.<CommandExecution>noUpdate().rescheduleAfter(AUDIT_RETRY);
        }
        try {
            UpdateControl<CommandExecution> control = advance(ce, status, next);
            CommandExecutionStatus reached = ce.getStatus();
            if (reached != null && reached.phase() != null && reached.phase().isTerminal()) {
                Command command = reached.translation() == null ? null : reached.translation().command();
                // The verb as the CRD writes it (rollout-restart), so series match what users type.
                String verb = command == null ? null : command.verb().name().toLowerCase(Locale.ROOT).replace('_', '-');
                metrics.finished(verb, reached.risk() == null ? null : reached.risk().level().name(), reached.phase().name());
            }
            return control;
        } catch (AuditUnavailableException e) {
            // Nothing is decided or run without its record: say why, and try again shortly.
            ce.setStatus(next.waiting(status, "AuditUnavailable", "waiting for the audit ledger: " + e.getMessage()));
            return UpdateControl.patchStatus(ce).rescheduleAfter(AUDIT_RETRY);
        }
    }

    private UpdateControl<CommandExecution> advance(CommandExecution ce, CommandExecutionStatus status, CommandExecutionStatuses next) {
        Instant now = clock.instant();
        Identity requester = ce.getSpec().requester();
        if (requester == null) {
            String reason = "spec.requester is missing; name the user the command runs as";
            status = next.failed(status, "NoRequester", reason);
            return finish(ce, audit(next, ce, status, "command_failed", null, null, null, reason, "no_requester", null), "NoRequester");
        }
        Instant created = Instant.parse(ce.getMetadata().getCreationTimestamp());
        IdentityAdmission.State admission = identityAdmission.current(created);
        if (!admission.enforced()) {
            // Not final: the command waits for the policies, and is then refused (below) as one they never checked.
            CommandExecutionStatus waiting = next.identityUnverifiable(status, admission.reason());
            boolean changed = !sameConditions(status, waiting);
            ce.setStatus(waiting);
            UpdateControl<CommandExecution> retry = changed ? UpdateControl.patchStatus(ce) : UpdateControl.noUpdate();
            return retry.rescheduleAfter(IDENTITY_RETRY);
        }
        Optional<String> unverified = created.isAfter(admission.since()) ? Optional.empty()
                : Optional.of("created before the identity admission policies were last installed or changed, so nothing checked who wrote "
                        + "its requester or approval; ask again");
        String identityReason = "CreatedWithoutIdentityAdmission";
        if (unverified.isEmpty()) {
            unverified = Identities.refusal(requester, "requester");
            identityReason = "IdentityNotAllowed";
        }
        if (unverified.isPresent()) {
            status = next.identityRefused(status, identityReason, unverified.get());
            return finish(ce, audit(next, ce, status, "command_failed", requester, null, null, unverified.get(), "identity_refused", null),
                    identityReason);
        }
        Optional<ChatSession> session = session(ce);
        Optional<String> ownerGone = status != null && status.phase() == ExecutionPhase.Running ? Optional.empty()
                : ownerSessionGone(ce, session);
        if (ownerGone.isPresent()) {
            // Deleting the conversation withdraws its commands; garbage collection may not have removed this one yet.
            status = next.failed(status, "SessionDeleted", ownerGone.get());
            return finish(ce, audit(next, ce, status, "command_failed", requester, null, null, ownerGone.get(), "session_deleted", null),
                    "SessionDeleted");
        }
        if (session.isPresent() && !belongsTo(session.get(), requester)) {
            // Another user's session would lend this command its namespace and cluster, and receive its outcome.
            String reason = "ChatSession " + session.get().getMetadata().getName() + " is neither " + requester.user()
                    + "'s nor shared with them; name a session of your own";
            status = next.failed(status, "SessionNotYours", reason);
            return finish(ce, audit(next, ce, status, "command_failed", requester, null, null, reason, "session_not_yours", null),
                    "SessionNotYours");
        }
        String cluster = cluster(ce, session);
        if (cluster != null) {
            // Being able to create a command is not the right to run it on every connected cluster.
            Authorization mayUse = clusters.local().accessReview().review(requester, List.of(new AccessRequirement("use", "kubechat.io",
                    "clusterconnections", null, operatorNamespace, cluster)));
            if (!mayUse.allowed()) {
                status = next.denied(status, mayUse);
                return finish(ce, audit(next, ce, status, "permission_check", requester, null, "denied", mayUse.reason(), "denied", null),
                        "Denied");
            }
        }
        ClusterTarget target;
        try {
            target = clusters.resolve(cluster);
        } catch (ClusterUnavailableException e) {
            // Never run on the local cluster what was meant for another one.
            status = next.failed(status, e.reason(), e.getMessage());
            return finish(ce, audit(next, ce, status, "command_failed", requester, null, null, e.getMessage(), "cluster_unavailable", null),
                    e.reason());
        }
        Optional<Identity> there = target.identities().map(requester);
        if (there.isEmpty()) {
            String reason = requester.user() + " is an identity of the local cluster only and has no name on " + target.displayName()
                    + "; its ClusterConnection needs a userPrefix";
            status = next.denied(status, new Authorization(false, reason, null));
            return finish(ce, audit(next, ce, status, "permission_check", requester, null, "denied", reason, "denied", null), "Denied");
        }
        // Who the requester is on the target: checks and calls there use this identity, the ledger keeps the requester's own.
        Identity actingAs = there.get();
        String defaultNamespace = defaultNamespace(ce, session);

        if (status == null || status.phase() == null) {
            TranslationResult translated = metrics.translation(
                    () -> translation.translate(ce.getSpec(), target.requesters().as(actingAs), target.client(), defaultNamespace));
            if (!translated.understood()) {
                status = next.notUnderstood(status, translated.translation(), translated.error());
                return finish(ce, audit(next, ce, status, "command_failed", requester, defaultNamespace, null, translated.error(),
                        "not_understood", null), CommandExecutionStatuses.notUnderstoodReason(translated.translation()));
            }
            Command given = translated.command();
            Command canonical = canonical(given, target);
            if (canonical != given) {
                // Rate, apply policy and record the command with the kind's canonical name, whatever alias was used.
                translated = translation.withCommand(translated, canonical, defaultNamespace);
            }
            status = next.translated(status, translated.translation(), translated.risk());
            status = audit(next, ce, status, "command_translated", requester, defaultNamespace, null,
                    translated.notes().isEmpty() ? null : String.join("; ", translated.notes()), null, null);
            events.normal(ce, "Translated", status.translation().kubectl());
        }

        Command command = status.translation().command();
        ResourceKind kind = null;
        if (command.resource() != null) {
            Optional<ResourceKind> resolved = target.kinds().resolve(command.resource());
            if (resolved.isEmpty()) {
                String reason = target.displayName() + " serves no kind " + command.resource().kind();
                status = next.failed(status, "UnknownKind", reason);
                return finish(ce, audit(next, ce, status, "command_failed", requester, defaultNamespace, null, reason, "unknown_kind", null),
                        "UnknownKind");
            }
            kind = resolved.get();
        }
        String namespace = effectiveNamespace(command, kind, defaultNamespace);

        if (status.phase() == ExecutionPhase.Translated) {
            if (!target.allows(namespace)) {
                String reason = "ClusterConnection " + target.name() + " allows commands only in namespaces " + target.allowedNamespaces();
                status = next.deniedByPolicy(status, new Authorization(false, reason, null), reason);
                return finish(ce, audit(next, ce, status, "permission_check", requester, namespace, "denied_by_policy", reason, "denied", null),
                        "DeniedByPolicy");
            }
            Authorization authorization = target.accessReview().review(actingAs, RequiredAccess.of(command, kind, namespace));
            if (!authorization.allowed()) {
                status = next.denied(status, authorization);
                return finish(ce, audit(next, ce, status, "permission_check", requester, namespace, "denied", authorization.reason(),
                        "denied", null), "Denied");
            }
            PolicyDecision decision = PolicyEvaluator.decide(command, namespace, status.risk().level(), policies(ce, command, namespace), operatorNamespace);
            if (decision.action() == PolicyAction.Deny) {
                status = next.deniedByPolicy(status, authorization, decision.message());
                return finish(ce, audit(next, ce, status, "permission_check", requester, namespace, "denied_by_policy", decision.message(),
                        "denied", null), "DeniedByPolicy");
            }
            if (decision.action() == PolicyAction.RequireApproval) {
                status = next.awaitingApproval(status, authorization, now.plus(decision.expireAfter()), decision.message());
                status = audit(next, ce, status, "permission_check", requester, namespace, "approval_required", decision.message(), null, null);
                events.normal(ce, "AwaitingApproval", decision.message());
            } else {
                status = next.authorized(status, authorization);
                status = audit(next, ce, status, "permission_check", requester, namespace, "allowed", null, null, null);
                events.normal(ce, "Authorized", "allowed for " + requester.user()
                        + (authorization.reason() == null || authorization.reason().isBlank() ? "" : ": " + authorization.reason()));
            }
        }

        if (status.phase() == ExecutionPhase.AwaitingApproval) {
            Approval approval = ce.getSpec().approval();
            Instant expiry = Instant.parse(status.approvalExpiryTime());
            // An approval that arrives after the window (or is seen only after it, say across a failover) does not count.
            if (!now.isBefore(expiry)) {
                recordApprovalWait(status, "expired", now);
                status = next.expired(status);
                return finish(ce, audit(next, ce, status, "approval", null, namespace, "expired", null, "expired", null), "Expired");
            }
            if (approval == null) {
                ce.setStatus(status);
                return UpdateControl.patchStatus(ce).rescheduleAfter(Duration.between(now, expiry).plusSeconds(1));
            }
            Optional<String> refusal = approvalRefusal(ce, approval, command, namespace, status.risk().level());
            if (refusal.isPresent()) {
                status = next.rejected(status, "ApprovalNotValid", refusal.get());
                return finish(ce, audit(next, ce, status, "approval", approval.approver(), namespace, "not_valid", refusal.get(), "rejected",
                        null), "ApprovalNotValid");
            }
            recordApprovalWait(status, approval.decision() == ApprovalDecision.REJECTED ? "rejected" : "approved", now);
            if (approval.decision() == ApprovalDecision.REJECTED) {
                String message = "rejected by " + approval.approver().user() + (approval.reason() == null ? "" : ": " + approval.reason());
                status = next.rejected(status, "Rejected", message);
                return finish(ce, audit(next, ce, status, "approval", approval.approver(), namespace, "rejected", approval.reason(), "rejected",
                        null), "Rejected");
            }
            status = next.approved(status, approval.approver().user());
            status = audit(next, ce, status, "approval", approval.approver(), namespace, "approved", approval.reason(), null, null);
            events.normal(ce, "Approved", "approved by " + approval.approver().user());
        }

        if (status.phase() != ExecutionPhase.Running || RiskClassifier.isRead(command.verb())) {
            Optional<String> refusal = notAllowedBySpec(ce, target, requester, command, kind, namespace, defaultNamespace);
            if (refusal.isPresent()) {
                status = next.failed(status, "NotAllowedBySpec", refusal.get());
                return finish(ce, audit(next, ce, status, "command_failed", requester, namespace, null, refusal.get(), "not_allowed", null),
                        "NotAllowedBySpec");
            }
        }

        if (status.phase() == ExecutionPhase.Running) {
            if (!RiskClassifier.isRead(command.verb())) {
                String reason = "the operator stopped while this command ran; check the cluster before asking again";
                status = next.failed(status, "OutcomeUnknown", reason);
                return finish(ce, audit(next, ce, status, "command_failed", requester, namespace, null, reason, "outcome_unknown", null),
                        "OutcomeUnknown");
            }
        } else if (RiskClassifier.isRead(command.verb())) {
            // A read may run twice without harm, so it needs no claim: one API write fewer per command.
            status = audit(next, ce, next.running(status), "command_started", requester, namespace, null, null, null, null);
        } else {
            CommandExecutionStatus ready = status;
            status = next.running(status);
            if (!claim(ce, status)) {
                // Another reconcile or operator replica moved the resource on; its outcome stands.
                return UpdateControl.noUpdate();
            }
            try {
                status = audit(next, ce, status, "command_started", requester, namespace, null, null, null, null);
            } catch (AuditUnavailableException e) {
                // Not started after all: hand the claim back, so the command waits instead of counting as interrupted.
                claim(ce, next.waiting(ready, "AuditUnavailable", "waiting for the audit ledger: " + e.getMessage()));
                return UpdateControl.<CommandExecution>noUpdate().rescheduleAfter(AUDIT_RETRY);
            }
        }
        events.normal(ce, "Running", "running as " + requester.user() + " on " + target.displayName());
        CommandExecutionStatus outcome = execute(target, ce, next, status, actingAs, command, kind, namespace);
        ce.setStatus(outcome);
        return recordOutcome(ce, next, outcome, namespace);
    }

    /**
     * Records what the command did. The command has run, so a ledger that is away cannot stop it any
     * more: the outcome stays in status with Audited=False until a later reconcile records it.
     */
    private UpdateControl<CommandExecution> recordOutcome(CommandExecution ce, CommandExecutionStatuses next, CommandExecutionStatus outcome,
            String namespace) {
        boolean succeeded = outcome.phase() == ExecutionPhase.Succeeded;
        var summary = Conditions.find(outcome.conditions(), CommandExecutionStatuses.SUCCEEDED).orElseThrow();
        try {
            CommandExecutionStatus recorded = audit(next, ce, outcome, succeeded ? "command_executed" : "command_failed",
                    ce.getSpec().requester(), namespace, null, succeeded ? null : summary.message(), succeeded ? "succeeded" : "failed",
                    outcome.result() == null ? null : Serialization.asJson(outcome.result()));
            if (Conditions.find(outcome.conditions(), CommandExecutionStatuses.AUDITED).isPresent()) {
                recorded = next.outcomeAudited(recorded);
            }
            return finish(ce, recorded, succeeded ? null : summary.reason());
        } catch (AuditUnavailableException e) {
            ce.setStatus(next.outcomeNotAudited(outcome, e.getMessage()));
            return UpdateControl.patchStatus(ce).rescheduleAfter(AUDIT_RETRY);
        }
    }

    private void recordApprovalWait(CommandExecutionStatus awaiting, String decision, Instant now) {
        Conditions.find(awaiting.conditions(), CommandExecutionStatuses.APPROVED)
                .ifPresent(held -> metrics.approvalWait(decision, Duration.between(Instant.parse(held.lastTransitionTime()), now)));
    }

    /** The namespace a finished command acted in, for its outcome record. */
    private String outcomeNamespace(CommandExecution ce, CommandExecutionStatus outcome) {
        Command command = outcome.translation().command();
        Optional<ChatSession> session = session(ce);
        String defaultNamespace = defaultNamespace(ce, session);
        if (command.resource() == null) {
            return defaultNamespace;
        }
        try {
            ClusterTarget target = clusters.resolve(cluster(ce, session));
            return effectiveNamespace(command, target.kinds().resolve(command.resource()).orElse(null), defaultNamespace);
        } catch (ClusterUnavailableException e) {
            return command.namespace() != null ? command.namespace() : defaultNamespace;
        }
    }

    private CommandExecutionStatus audit(CommandExecutionStatuses next, CommandExecution ce, CommandExecutionStatus status, String eventType,
            Identity actor, String namespace, String decision, String reason, String outcome, String result) {
        return next.audited(status, audit.record(ce, status, eventType, actor, namespace, decision, reason, outcome, result));
    }

    private CommandExecutionStatus execute(ClusterTarget target, CommandExecution ce, CommandExecutionStatuses next,
            CommandExecutionStatus running, Identity requester, Command command, ResourceKind kind, String namespace) {
        try {
            // The policies as they stand now, when the result is made: a redaction added while it waited applies.
            Redaction redaction = new Redaction(PolicyEvaluator.decide(command, namespace, running.risk().level(),
                    policies(ce, command, namespace), operatorNamespace).redactedKeys());
            CommandResult result = executor.execute(target.requesters().as(requester), command, kind, namespace, redaction);
            events.normal(ce, "Succeeded", result.summary());
            return next.succeeded(running, result);
        } catch (CommandRefusedException e) {
            return next.failed(running, "Refused", e.getMessage());
        } catch (ObjectNotFoundException e) {
            return next.failed(running, "NotFound", e.getMessage());
        } catch (KubernetesClientException e) {
            return next.failed(running, e.getCode() == 403 ? "Forbidden" : "ApiError", apiMessage(e));
        } catch (RuntimeException e) {
            // Whatever went wrong, the command ends with a reason instead of staying Running.
            return next.failed(running, "InternalError", e.getClass().getSimpleName() + ": " + e.getMessage());
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
        Optional<String> notAllowed = Identities.refusal(approver, "approver");
        if (notAllowed.isPresent()) {
            return notAllowed;
        }
        PolicyDecision decision = PolicyEvaluator.decide(command, namespace, risk, policies(ce, command, namespace), operatorNamespace);
        // A second account whose name only looks like the requester's is the same person.
        if (decision.requireDistinctApprover() && Identities.lookAlike(approver.user(), ce.getSpec().requester().user())) {
            return Optional.of(approver.user() + " may not approve their own command");
        }
        // Every policy that names approver groups must be satisfied: a second policy cannot widen the first.
        List<String> groups = approver.groups() == null ? List.of() : approver.groups();
        for (List<String> required : decision.approverGroups()) {
            if (groups.stream().noneMatch(required::contains)) {
                return Optional.of(approver.user() + " is in none of the approver groups " + required);
            }
        }
        // Approval is a right on the CommandExecution, which lives here, whichever cluster the command targets.
        Authorization mayApprove = clusters.local().accessReview().review(approver, List.of(new AccessRequirement("approve", "kubechat.io",
                "commandexecutions", null, ce.getMetadata().getNamespace(), ce.getMetadata().getName())));
        if (!mayApprove.allowed()) {
            return Optional.of(approver.user() + " may not approve commandexecutions in namespace " + ce.getMetadata().getNamespace());
        }
        return Optional.empty();
    }

    /**
     * Why the command may not run now, judged again from spec and the operator's own checks, not from the
     * status that brought it here (status is the operator's record, and only a record): the command must be
     * spec.command as given, the requester must still hold the rights, policy must allow it, and a command
     * policy holds for approval runs only on a valid approval in spec.
     */
    private Optional<String> notAllowedBySpec(CommandExecution ce, ClusterTarget target, Identity requester, Command command, ResourceKind kind,
            String namespace, String defaultNamespace) {
        if (ce.getSpec().command() != null
                && !CommandTranslation.withoutSecretValues(canonical(ce.getSpec().command(), target)).equals(command)) {
            return Optional.of("the command in status is not spec.command; it was changed after it was checked");
        }
        if (!target.allows(namespace)) {
            return Optional.of("ClusterConnection " + target.name() + " allows commands only in namespaces " + target.allowedNamespaces());
        }
        Authorization authorization = target.accessReview().review(requester, RequiredAccess.of(command, kind, namespace));
        if (!authorization.allowed()) {
            return Optional.of(authorization.reason());
        }
        RiskLevel risk = classifier.classify(command, defaultNamespace).level();
        PolicyDecision decision = PolicyEvaluator.decide(command, namespace, risk, policies(ce, command, namespace), operatorNamespace);
        if (decision.action() == PolicyAction.Deny) {
            return Optional.of(decision.message());
        }
        if (decision.action() == PolicyAction.RequireApproval) {
            Approval approval = ce.getSpec().approval();
            if (approval == null || approval.decision() != ApprovalDecision.APPROVED) {
                return Optional.of("the command needs an approval and spec.approval gives none");
            }
            return approvalRefusal(ce, approval, command, namespace, risk);
        }
        return Optional.empty();
    }

    /** The command with its kind's canonical name and API version, or the same command when the kind is unknown here. */
    private static Command canonical(Command given, ClusterTarget target) {
        if (given.resource() == null) {
            return given;
        }
        return target.kinds().resolve(given.resource())
                .map(kind -> new Command(given.verb(), new ResourceType(kind.kind(), kind.apiVersion()), given.name(), given.namespace(),
                        given.allNamespaces(), given.selector(), given.arguments(), given.manifest()))
                .orElse(given);
    }

    private static boolean sameConditions(CommandExecutionStatus before, CommandExecutionStatus after) {
        return before != null && java.util.Objects.equals(before.conditions(), after.conditions());
    }

    private UpdateControl<CommandExecution> finish(CommandExecution ce, CommandExecutionStatus status, String warningReason) {
        if (warningReason != null) {
            events.warning(ce, warningReason, Conditions.find(status.conditions(), CommandExecutionStatuses.SUCCEEDED)
                    .map(c -> c.message()).orElse(warningReason));
        }
        ce.setStatus(status);
        // Final now: the status must be written whatever happens to the chat history, which catches up later.
        return recordInSession(ce, status) ? UpdateControl.patchStatus(ce) : UpdateControl.patchStatus(ce).rescheduleAfter(AUDIT_RETRY);
    }

    /** Adds a finished command of a session to its conversation; false when that has to be tried again. */
    private boolean recordInSession(CommandExecution ce, CommandExecutionStatus outcome) {
        if (ce.getSpec().sessionRef() == null || ce.getSpec().requester() == null
                || session(ce).filter(s -> belongsTo(s, ce.getSpec().requester())).isEmpty()) {
            // Nobody else's conversation receives this command, nor one created later under the same name.
            return true;
        }
        try {
            chat.recordOutcome(ce, outcome);
            return true;
        } catch (ChatHistoryException e) {
            LOG.warnf("CommandExecution %s/%s: not yet in its session's history: %s", ce.getMetadata().getNamespace(),
                    ce.getMetadata().getName(), e.getMessage());
            return false;
        }
    }

    /**
     * The policies of the operator's namespace, the CommandExecution's, and the one the command acts in;
     * every namespace's for a command across all namespaces, which reaches each of them.
     */
    private List<ExecutionPolicy> policies(CommandExecution ce, Command command, String targetNamespace) {
        if (Boolean.TRUE.equals(command.allNamespaces())) {
            return policies.all();
        }
        List<String> namespaces = new ArrayList<>(List.of(operatorNamespace, ce.getMetadata().getNamespace()));
        if (targetNamespace != null) {
            namespaces.add(targetNamespace);
        }
        return policies.in(namespaces);
    }

    private Optional<ChatSession> session(CommandExecution ce) {
        if (ce.getSpec().sessionRef() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(client.resources(ChatSession.class).inNamespace(ce.getMetadata().getNamespace())
                .withName(ce.getSpec().sessionRef().name()).get());
    }

    /** Why the ChatSession that owns this command (its ownerReference) no longer holds it; empty while it does. */
    private Optional<String> ownerSessionGone(CommandExecution ce, Optional<ChatSession> named) {
        for (OwnerReference owner : ce.getMetadata().getOwnerReferences()) {
            if (!"ChatSession".equals(owner.getKind()) || owner.getApiVersion() == null || !owner.getApiVersion().startsWith("kubechat.io/")) {
                continue;
            }
            // The gateway's commands are owned by the session their sessionRef names, already read.
            ChatSession s = ce.getSpec().sessionRef() != null && owner.getName().equals(ce.getSpec().sessionRef().name()) ? named.orElse(null)
                    : client.resources(ChatSession.class).inNamespace(ce.getMetadata().getNamespace()).withName(owner.getName()).get();
            if (s == null || !s.getMetadata().getUid().equals(owner.getUid())) {
                return Optional.of("its ChatSession " + owner.getName() + " was deleted, which withdraws the commands it holds");
            }
            if (s.getMetadata().getDeletionTimestamp() != null) {
                return Optional.of("its ChatSession " + owner.getName() + " is being deleted, which withdraws the commands it holds");
            }
        }
        return Optional.empty();
    }

    /** Whether the session is the requester's own or shared with them. */
    private static boolean belongsTo(ChatSession session, Identity requester) {
        ChatSessionSpec spec = session.getSpec();
        return spec != null && (spec.owner() != null && requester.user().equals(spec.owner().user())
                || spec.sharedWith() != null && spec.sharedWith().contains(requester.user()));
    }

    /** The ClusterConnection the command names, else its session's, else null for the local cluster. */
    private static String cluster(CommandExecution ce, Optional<ChatSession> session) {
        return ce.getSpec().cluster() != null ? ce.getSpec().cluster()
                : session.map(ChatSession::getSpec).map(ChatSessionSpec::cluster).orElse(null);
    }

    /** The session's namespace when the command belongs to one that sets it, else the CommandExecution's. */
    private static String defaultNamespace(CommandExecution ce, Optional<ChatSession> session) {
        return session.map(ChatSession::getSpec).map(ChatSessionSpec::namespace).orElse(ce.getMetadata().getNamespace());
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
