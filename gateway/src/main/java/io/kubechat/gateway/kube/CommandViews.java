package io.kubechat.gateway.kube;

import io.kubechat.crds.v1alpha1.Approval;
import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.CommandExecutionStatus;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.Translation;
import io.kubechat.gateway.api.Dtos;
import java.util.List;
import java.util.Locale;

/** CommandExecution to the API's Command and to the messages of a conversation. */
public final class CommandViews {

    private CommandViews() {
    }

    public static ExecutionPhase phase(CommandExecution ce) {
        CommandExecutionStatus s = ce.getStatus();
        return s == null || s.phase() == null ? ExecutionPhase.Pending : s.phase();
    }

    /** The command with its result: for its requester (see {@link CommandReader} for anybody else). */
    public static Dtos.Command command(CommandExecution ce) {
        return command(ce, true);
    }

    /** @param withResult false leaves the result out: its reader may not read what the command read */
    public static Dtos.Command command(CommandExecution ce, boolean withResult) {
        CommandExecutionSpec spec = ce.getSpec();
        CommandExecutionStatus status = ce.getStatus();
        Translation t = status == null ? null : status.translation();
        var risk = status == null || status.risk() == null ? null
                : new Dtos.RiskView(status.risk().level().name().toLowerCase(Locale.ROOT),
                        status.risk().reasons() == null ? List.of() : status.risk().reasons());
        var authorization = status == null || status.authorization() == null ? null
                : new Dtos.AuthorizationView(status.authorization().allowed(), status.authorization().reason());
        var requester = spec.requester() == null ? null
                : new Dtos.IdentityView(spec.requester().user(), spec.requester().groups() == null ? List.of() : spec.requester().groups());
        Approval a = spec.approval();
        var approval = a == null ? null : new Dtos.ApprovalView(a.decision().name().toLowerCase(Locale.ROOT),
                a.approver() == null ? null : a.approver().user(), a.reason());
        var conditions = status == null || status.conditions() == null ? List.<Dtos.ConditionView>of()
                : status.conditions().stream().map(c -> new Dtos.ConditionView(c.type(), c.status().name(), c.reason(), c.message())).toList();
        var auditRef = status == null || status.auditRef() == null ? null
                : new Dtos.AuditRefView(status.auditRef().sequence(), status.auditRef().hash());
        return new Dtos.Command(ce.getMetadata().getNamespace(), ce.getMetadata().getName(),
                spec.sessionRef() == null ? null : spec.sessionRef().name(), spec.request(), phase(ce).name(),
                t == null ? null : t.kubectl(), t == null ? null : t.explanation(),
                t == null || t.command() == null || t.command().verb() == null ? null
                        : t.command().verb().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                risk, authorization, requester, approval, status == null ? null : status.approvalExpiryTime(),
                withResult ? result(status == null ? null : status.result()) : null, conditions, message(ce), suggestion(t),
                auditRef, ce.getMetadata().getCreationTimestamp(), status == null ? null : status.completionTime(),
                clarification(t), ce.getMetadata().getAnnotations() == null ? null
                        : ce.getMetadata().getAnnotations().get(Conversations.ANSWERS_ANNOTATION));
    }

    static Dtos.ClarificationView clarification(Translation t) {
        if (t == null || t.clarification() == null) {
            return null;
        }
        Clarification c = t.clarification();
        return new Dtos.ClarificationView(c.question(), c.choices().stream().map(choice -> new Dtos.ChoiceView(choice.kubectl())).toList());
    }

    static Dtos.ResultView result(CommandResult r) {
        if (r == null) {
            return null;
        }
        Dtos.Table table = r.columns() == null || r.columns().isEmpty() ? null
                : new Dtos.Table(r.columns(), r.rows() == null ? List.of() : r.rows());
        return new Dtos.ResultView(r.summary(), Boolean.TRUE.equals(r.truncated()), table, r.text());
    }

    /** The status in plain words: the Succeeded condition says where the command stands. */
    public static String message(CommandExecution ce) {
        CommandExecutionStatus s = ce.getStatus();
        if (s != null && s.conditions() != null) {
            for (Condition c : s.conditions()) {
                if ("Succeeded".equals(c.type()) && c.message() != null) {
                    return c.message();
                }
            }
        }
        return switch (phase(ce)) {
            case Pending -> "waiting for the operator to translate the request";
            case Translated -> "translated; checking access";
            case Authorized -> "allowed; about to run";
            case AwaitingApproval -> "waiting for approval";
            case Approved -> "approved; about to run";
            case Running -> "running";
            default -> phase(ce).name().toLowerCase(Locale.ROOT);
        };
    }

    static String suggestion(Translation t) {
        return t == null || t.suggestions() == null || t.suggestions().isEmpty() ? null : "Try: " + t.suggestions().get(0);
    }

    /** The user's words as a message of the conversation. */
    public static Dtos.Message userMessage(CommandExecution ce) {
        return new Dtos.Message(ce.getMetadata().getName() + "-request", "user", ce.getSpec().request(),
                new Dtos.ObjectRef(ce.getMetadata().getNamespace(), ce.getMetadata().getName()), ce.getMetadata().getCreationTimestamp());
    }

    /** The assistant's answer once the command reached a final phase (or waits for approval). */
    public static Dtos.Message assistantMessage(CommandExecution ce) {
        ExecutionPhase phase = phase(ce);
        if (!phase.isTerminal() && phase != ExecutionPhase.AwaitingApproval) {
            return null;
        }
        CommandExecutionStatus s = ce.getStatus();
        StringBuilder text = new StringBuilder();
        if (s.translation() != null && s.translation().kubectl() != null) {
            text.append(s.translation().kubectl()).append('\n');
        }
        text.append(message(ce));
        String at = s.completionTime() != null ? s.completionTime() : ce.getMetadata().getCreationTimestamp();
        return new Dtos.Message(ce.getMetadata().getName() + "-" + phase.name().toLowerCase(Locale.ROOT), "assistant", text.toString(),
                new Dtos.ObjectRef(ce.getMetadata().getNamespace(), ce.getMetadata().getName()), at);
    }
}
