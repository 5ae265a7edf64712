package io.kubechat.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The JSON shapes of API contract v1 (notes/api.md), shared with the UI. */
public final class Dtos {

    private Dtos() {
    }

    public record LoginRequest(String username, String password) {
    }

    public record LoginResponse(User user, String csrfToken) {
    }

    public record Providers(boolean local, boolean oidc) {
    }

    public record User(String username, String displayName, String kubernetesUser, List<String> groups, List<String> roles,
                       String csrfToken) {
    }

    /**
     * @param owner the owner's web name (the Kubernetes user without the gateway's prefix)
     * @param access "owner" for the signed-in user's own session, "shared" for one shared with them
     * @param sharedWith who else may read and post in it
     */
    public record Session(String id, String title, String owner, String access, List<String> sharedWith, String namespace,
                          String cluster, long messageCount, String lastActivity, String createdAt) {
    }

    public record SessionRequest(String title, String namespace) {
    }

    public record SharingRequest(List<String> sharedWith) {
    }

    public record ObjectRef(String namespace, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String id, String role, String text, ObjectRef command, String createdAt) {
    }

    /** @param answers the command of the same session whose question this request answers, or null */
    public record MessageRequest(String text, String answers) {
    }

    public record Posted(Message message, Command command) {
    }

    public record RiskView(String level, List<String> reasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthorizationView(Boolean allowed, String reason) {
    }

    public record IdentityView(String user, List<String> groups) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApprovalView(String decision, String approver, String reason) {
    }

    public record Table(List<String> columns, List<List<String>> rows) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultView(String summary, boolean truncated, Table table, String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConditionView(String type, String status, String reason, String message) {
    }

    public record AuditRefView(Long sequence, String hash) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Command(String namespace, String name, String sessionId, String request, String phase, String kubectl,
                          String explanation, String verb, RiskView risk, AuthorizationView authorization,
                          IdentityView requester, ApprovalView approval, String approvalExpiresAt, ResultView result,
                          List<ConditionView> conditions, String message, String suggestion, AuditRefView auditRef,
                          String createdAt, String completedAt, ClarificationView clarification, String answers) {
    }

    /** The question the translator asked instead of a command, with the commands the request could mean. */
    public record ClarificationView(String question, List<ChoiceView> choices) {
    }

    public record ChoiceView(String kubectl) {
    }

    public record DecisionRequest(String reason) {
    }

    public record Text(String text) {
    }

    public record Warning(String namespace, String object, String reason, String message, String lastSeen) {
    }

    public record Nodes(int total, int ready) {
    }

    public record Dashboard(Nodes nodes, Map<String, Integer> podsByPhase, List<Warning> warnings, List<Command> recent,
                            List<Command> pendingApprovals) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterView(String name, String displayName, boolean reachable, String serverVersion, String lastProbe,
                              String message) {
    }

    public record UserRequest(String username, String displayName, List<String> roles, List<String> groups, String password) {
    }

    public record AccountView(String username, String displayName, List<String> roles, List<String> groups, String source,
                              String kubernetesUser, String createdAt) {
    }

    /** Server to browser over the session's WebSocket. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamEvent(String type, Command command, Message message) {
    }
}
