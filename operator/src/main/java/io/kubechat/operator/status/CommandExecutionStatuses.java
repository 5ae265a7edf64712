package io.kubechat.operator.status;

import io.kubechat.crds.v1alpha1.AuditReference;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.Translation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Every status a CommandExecution can move to, built from the previous one without side effects.
 * Conditions: {@code Translated}, {@code Authorized}, {@code Approved} (only when approval is
 * needed) and the summary {@code Succeeded}, which is Unknown until the command is final.
 */
public final class CommandExecutionStatuses {

    public static final String TRANSLATED = "Translated";
    public static final String AUTHORIZED = "Authorized";
    public static final String APPROVED = "Approved";
    public static final String SUCCEEDED = "Succeeded";
    public static final String AUDITED = "Audited";
    /** False when the operator cannot attribute the requester or approver to who wrote them; never set True. */
    public static final String IDENTITY_VERIFIED = "IdentityVerified";
    /** Why a request that ended in a question instead of a command is not understood. */
    public static final String NEEDS_CLARIFICATION = "NeedsClarification";

    private final long generation;
    private final Instant now;

    /** @param generation the .metadata.generation being reconciled */
    public CommandExecutionStatuses(long generation, Instant now) {
        this.generation = generation;
        this.now = now;
    }

    public CommandExecutionStatus translated(CommandExecutionStatus previous, Translation translation, Risk risk) {
        String how = "user".equals(translation.engine()) ? "command given" : "translated by the " + translation.engine() + " translator";
        return from(previous).phase(ExecutionPhase.Translated).translation(translation).risk(risk)
                .condition(TRANSLATED, ConditionStatus.True, "user".equals(translation.engine()) ? "CommandGiven" : "Translated",
                        how + ": " + translation.kubectl())
                .condition(SUCCEEDED, ConditionStatus.Unknown, "InProgress", "rated " + risk.level().name().toLowerCase(Locale.ROOT) + ", checking access")
                .build();
    }

    /**
     * The translator did not understand; the suggestions travel in the translation, and so does its
     * clarification when it asked instead (the reason is then NeedsClarification, the message the question).
     */
    public CommandExecutionStatus notUnderstood(CommandExecutionStatus previous, Translation suggestions, String error) {
        String reason = notUnderstoodReason(suggestions);
        return from(previous).phase(ExecutionPhase.Failed).translation(suggestions)
                .condition(TRANSLATED, ConditionStatus.False, reason, error)
                .condition(SUCCEEDED, ConditionStatus.False, reason, error)
                .completed().build();
    }

    public static String notUnderstoodReason(Translation suggestions) {
        return suggestions != null && suggestions.clarification() != null ? NEEDS_CLARIFICATION : "NotUnderstood";
    }

    public CommandExecutionStatus authorized(CommandExecutionStatus previous, Authorization authorization) {
        return from(previous).phase(ExecutionPhase.Authorized).authorization(authorization)
                .condition(AUTHORIZED, ConditionStatus.True, "Allowed", "the requester holds every permission the command needs")
                .build();
    }

    public CommandExecutionStatus denied(CommandExecutionStatus previous, Authorization authorization) {
        return from(previous).phase(ExecutionPhase.Denied).authorization(authorization)
                .condition(AUTHORIZED, ConditionStatus.False, "Forbidden", authorization.reason())
                .condition(SUCCEEDED, ConditionStatus.False, "Denied", authorization.reason())
                .completed().build();
    }

    public CommandExecutionStatus deniedByPolicy(CommandExecutionStatus previous, Authorization authorization, String message) {
        return from(previous).phase(ExecutionPhase.Denied).authorization(authorization)
                .condition(AUTHORIZED, ConditionStatus.False, "DeniedByPolicy", message)
                .condition(SUCCEEDED, ConditionStatus.False, "Denied", message)
                .completed().build();
    }

    public CommandExecutionStatus awaitingApproval(CommandExecutionStatus previous, Authorization authorization, Instant expiry, String why) {
        return from(previous).phase(ExecutionPhase.AwaitingApproval).authorization(authorization)
                .approvalExpiryTime(expiry)
                .condition(AUTHORIZED, ConditionStatus.True, "Allowed", "the requester holds every permission the command needs")
                .condition(APPROVED, ConditionStatus.Unknown, "AwaitingApproval", why + "; expires at " + seconds(expiry))
                .condition(SUCCEEDED, ConditionStatus.Unknown, "AwaitingApproval", why)
                .build();
    }

    public CommandExecutionStatus approved(CommandExecutionStatus previous, String approver) {
        return from(previous).phase(ExecutionPhase.Approved)
                .condition(APPROVED, ConditionStatus.True, "Approved", "approved by " + approver)
                .build();
    }

    /** Rejected by the approver, or an approval that cannot count (self-approval, no right to approve). */
    public CommandExecutionStatus rejected(CommandExecutionStatus previous, String reason, String message) {
        return from(previous).phase(ExecutionPhase.Rejected)
                .condition(APPROVED, ConditionStatus.False, reason, message)
                .condition(SUCCEEDED, ConditionStatus.False, reason, message)
                .completed().build();
    }

    public CommandExecutionStatus expired(CommandExecutionStatus previous) {
        String message = "nobody approved the command before " + previous.approvalExpiryTime();
        return from(previous).phase(ExecutionPhase.Expired)
                .condition(APPROVED, ConditionStatus.False, "Expired", message)
                .condition(SUCCEEDED, ConditionStatus.False, "Expired", message)
                .completed().build();
    }

    public CommandExecutionStatus running(CommandExecutionStatus previous) {
        return from(previous).phase(ExecutionPhase.Running).startTime()
                .condition(SUCCEEDED, ConditionStatus.Unknown, "Running", "executing as the requester")
                .build();
    }

    public CommandExecutionStatus succeeded(CommandExecutionStatus previous, CommandResult result) {
        return from(previous).phase(ExecutionPhase.Succeeded).result(result)
                .condition(SUCCEEDED, ConditionStatus.True, "Completed", result.summary())
                .completed().build();
    }

    public CommandExecutionStatus failed(CommandExecutionStatus previous, String reason, String message) {
        return from(previous).phase(ExecutionPhase.Failed)
                .condition(SUCCEEDED, ConditionStatus.False, reason, message)
                .completed().build();
    }

    /** Nothing runs while the identity admission policies are not enforced; the command waits, saying why. */
    public CommandExecutionStatus identityUnverifiable(CommandExecutionStatus previous, String why) {
        return from(previous)
                .condition(IDENTITY_VERIFIED, ConditionStatus.False, "AdmissionNotEnforced", why)
                .condition(SUCCEEDED, ConditionStatus.Unknown, "AdmissionNotEnforced", why)
                .build();
    }

    /** A requester or approver the operator will not act for or accept; final. */
    public CommandExecutionStatus identityRefused(CommandExecutionStatus previous, String reason, String message) {
        return from(previous).phase(ExecutionPhase.Failed)
                .condition(IDENTITY_VERIFIED, ConditionStatus.False, reason, message)
                .condition(SUCCEEDED, ConditionStatus.False, reason, message)
                .completed().build();
    }

    /** Still in the same phase, but waiting on something outside, said in the summary condition. */
    public CommandExecutionStatus waiting(CommandExecutionStatus previous, String reason, String message) {
        return from(previous).condition(SUCCEEDED, ConditionStatus.Unknown, reason, message).build();
    }

    /** The latest audit record written for this command. */
    public CommandExecutionStatus audited(CommandExecutionStatus previous, AuditReference reference) {
        return from(previous).auditRef(reference).build();
    }

    /** A final outcome the ledger could not take yet; it is recorded as soon as the ledger is back. */
    public CommandExecutionStatus outcomeNotAudited(CommandExecutionStatus previous, String why) {
        return from(previous).condition(AUDITED, ConditionStatus.False, "AuditUnavailable", "outcome not yet in the audit ledger: " + why).build();
    }

    public CommandExecutionStatus outcomeAudited(CommandExecutionStatus previous) {
        return from(previous).condition(AUDITED, ConditionStatus.True, "Recorded", "outcome recorded in the audit ledger").build();
    }

    private Next from(CommandExecutionStatus previous) {
        return new Next(previous == null ? new CommandExecutionStatus(null, null, null, null, null, null, null, null, null, null, null) : previous);
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The status being built; every step records the generation it reflects. */
    private final class Next {
        private ExecutionPhase phase;
        private List<Condition> conditions;
        private Translation translation;
        private Risk risk;
        private Authorization authorization;
        private String approvalExpiryTime;
        private CommandResult result;
        private AuditReference auditRef;
        private String startTime;
        private String completionTime;

        Next(CommandExecutionStatus s) {
            phase = s.phase();
            conditions = s.conditions();
            translation = s.translation();
            risk = s.risk();
            authorization = s.authorization();
            approvalExpiryTime = s.approvalExpiryTime();
            result = s.result();
            auditRef = s.auditRef();
            startTime = s.startTime();
            completionTime = s.completionTime();
        }

        Next phase(ExecutionPhase value) {
            phase = value;
            return this;
        }

        Next condition(String type, ConditionStatus status, String reason, String message) {
            conditions = Conditions.set(conditions, type, status, reason, message, generation, now);
            return this;
        }

        Next translation(Translation value) {
            translation = value;
            return this;
        }

        Next risk(Risk value) {
            risk = value;
            return this;
        }

        Next authorization(Authorization value) {
            authorization = value;
            return this;
        }

        Next approvalExpiryTime(Instant value) {
            approvalExpiryTime = seconds(value);
            return this;
        }

        Next result(CommandResult value) {
            result = value;
            return this;
        }

        Next auditRef(AuditReference value) {
            auditRef = value;
            return this;
        }

        Next startTime() {
            startTime = seconds(now);
            return this;
        }

        Next completed() {
            completionTime = seconds(now);
            return this;
        }

        CommandExecutionStatus build() {
            return new CommandExecutionStatus(phase, generation, conditions, translation, risk, authorization, approvalExpiryTime,
                    result, auditRef, startTime, completionTime);
        }
    }
}
