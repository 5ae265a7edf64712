package io.kubechat.gateway.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Approval;
import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.ChatSessionSpec;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.crds.v1alpha1.LocalReference;
import io.kubechat.gateway.GatewayConfig;
import io.kubechat.gateway.api.Dtos;
import io.kubechat.gateway.auth.AccountStore;
import io.kubechat.gateway.auth.IdentityMapper;
import io.kubechat.gateway.auth.Role;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** ChatSessions and their CommandExecutions, with who may see and do what. */
@ApplicationScoped
public class Conversations {

    /** Set on the commands the gateway creates, for kubectl users; never trusted (see {@link #commandsOf}). */
    public static final String SESSION_LABEL = "kubechat.io/session";
    /** On a command posted as the answer to another one's question: that command's name. */
    public static final String ANSWERS_ANNOTATION = "kubechat.io/answers";
    public static final int MAX_TEXT = 2000;
    /** The CRD's bound on spec.sharedWith, checked here first so that a mistake gets a plain 400. */
    public static final int MAX_SHARED = 64;
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

    private final KubeAccess kube;
    private final String namespace;
    private final IdentityMapper identities;

    public Conversations(KubeAccess kube, GatewayConfig config, IdentityMapper identities) {
        this.kube = kube;
        this.namespace = config.sessionsNamespace();
        this.identities = identities;
    }

    public String namespace() {
        return namespace;
    }

    // --- sessions

    public List<ChatSession> sessions(WebUser user) {
        return kube.gateway().resources(ChatSession.class).inNamespace(namespace).list().getItems().stream()
                // A deleted session stays until the operator has removed its commands and messages; it is gone for users.
                .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
                .filter(s -> mayUse(user, s))
                .sorted(Comparator.comparing((ChatSession s) -> s.getMetadata().getCreationTimestamp()).reversed())
                .toList();
    }

    /** The session if {@code user} may use it; 404 otherwise, so other people's sessions are not even confirmed. */
    public ChatSession session(WebUser user, String id) {
        if (id == null || !NAME.matcher(id).matches()) {
            throw ApiException.notFound("session " + id);
        }
        ChatSession s = kube.gateway().resources(ChatSession.class).inNamespace(namespace).withName(id).get();
        if (s == null || s.getMetadata().getDeletionTimestamp() != null || !mayUse(user, s)) {
            throw ApiException.notFound("session " + id);
        }
        return s;
    }

    public static boolean owns(WebUser user, ChatSession s) {
        return s.getSpec() != null && s.getSpec().owner() != null && user.kubernetes().user().equals(s.getSpec().owner().user());
    }

    /** The owner, and the users it is shared with, may read the session and post requests in it. */
    public static boolean mayUse(WebUser user, ChatSession s) {
        if (owns(user, s)) {
            return true;
        }
        List<String> shared = s.getSpec() == null ? null : s.getSpec().sharedWith();
        return shared != null && (shared.contains(user.kubernetes().user()) || shared.contains(user.username()));
    }

    public ChatSession createSession(WebUser user, String title, String targetNamespace) {
        checkTitle(title);
        checkNamespace(targetNamespace);
        ChatSession s = new ChatSession();
        s.setMetadata(new ObjectMetaBuilder().withGenerateName("chat-").withNamespace(namespace).build());
        s.setSpec(new ChatSessionSpec(user.kubernetes(), title == null || title.isBlank() ? "New conversation" : title.strip(),
                null, targetNamespace, null, null));
        return kube.gateway().resources(ChatSession.class).inNamespace(namespace).resource(s).create();
    }

    public ChatSession updateSession(WebUser user, String id, String title, String targetNamespace) {
        ChatSession s = session(user, id);
        requireOwner(user, s);
        checkTitle(title);
        checkNamespace(targetNamespace);
        ChatSessionSpec old = s.getSpec();
        ChatSessionSpec spec = new ChatSessionSpec(old.owner(), title == null ? old.title() : title.strip(), old.cluster(),
                targetNamespace == null ? old.namespace() : targetNamespace, old.retention(), old.sharedWith());
        return kube.gateway().resources(ChatSession.class).inNamespace(namespace).withName(id)
                .edit(cs -> {
                    cs.setSpec(spec);
                    return cs;
                });
    }

    public void deleteSession(WebUser user, String id) {
        ChatSession s = session(user, id);
        requireOwner(user, s);
        kube.gateway().resources(ChatSession.class).inNamespace(namespace).withName(id).delete();
    }

    /**
     * Replaces the list of users the session is shared with (empty: shared with nobody). Only the owner may. The
     * names are KubeChat user names, as people sign in with them ({@link #mayUse} also accepts Kubernetes user
     * names, for sessions written with kubectl).
     */
    public ChatSession shareSession(WebUser user, String id, List<String> names) {
        ChatSession s = session(user, id);
        requireOwner(user, s);
        List<String> shared = checkShared(names, s.getSpec().owner().user(), user.username());
        // A merge patch replaces the list as a whole; null removes the field.
        Map<String, Object> spec = new HashMap<>();
        spec.put("sharedWith", shared.isEmpty() ? null : shared);
        return kube.gateway().resources(ChatSession.class).inNamespace(namespace).withName(id)
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
    }

    static List<String> checkShared(List<String> names, String ownerUser, String ownerName) {
        if (names == null) {
            throw ApiException.badRequest("sharedWith must be a list of user names (an empty list stops sharing)");
        }
        if (names.size() > MAX_SHARED) {
            throw ApiException.badRequest("a session may be shared with at most " + MAX_SHARED + " users");
        }
        LinkedHashSet<String> shared = new LinkedHashSet<>();
        for (String name : names) {
            // Sign-in lower-cases user names, so "Bob" is bob.
            String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw ApiException.badRequest("user names in sharedWith must not be empty");
            }
            if (!AccountStore.USERNAME.matcher(n).matches()) {
                throw ApiException.badRequest("'" + abbreviate(n) + "' is not a KubeChat user name (up to 100 lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or digit)");
            }
            if (n.equals(ownerUser) || n.equals(ownerName)) {
                throw ApiException.badRequest("the session is yours; share it with other users");
            }
            shared.add(n);
        }
        return List.copyOf(shared);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static void requireOwner(WebUser user, ChatSession s) {
        if (!owns(user, s)) {
            throw ApiException.forbidden("NotSessionOwner", "only the owner may change or delete this session");
        }
    }

    private static void checkTitle(String title) {
        if (title != null && title.length() > 200) {
            throw ApiException.badRequest("title may be at most 200 characters");
        }
    }

    private static void checkNamespace(String ns) {
        if (ns != null && !DNS_LABEL.matcher(ns).matches()) {
            throw ApiException.badRequest("namespace must be a Kubernetes namespace name (lower-case letters, digits and '-')");
        }
    }

    /** The session as {@code user} sees it: whether it is theirs or shared with them, and with whom it is shared. */
    public Dtos.Session view(WebUser user, ChatSession s, long messageCount) {
        ChatSessionSpec spec = s.getSpec();
        var status = s.getStatus();
        String lastActivity = status != null && status.lastActivityTime() != null ? status.lastActivityTime() : s.getMetadata().getCreationTimestamp();
        long count = status != null && status.messageCount() != null ? Math.max(status.messageCount(), messageCount) : messageCount;
        return new Dtos.Session(s.getMetadata().getName(), spec.title(), spec.owner() == null ? null : identities.webName(spec.owner().user()),
                owns(user, s) ? "owner" : "shared", spec.sharedWith() == null ? List.of() : spec.sharedWith(),
                spec.namespace(), spec.cluster() == null ? "local" : spec.cluster(), count, lastActivity, s.getMetadata().getCreationTimestamp());
    }

    // --- commands

    /**
     * The commands of a session: those whose spec.sessionRef names it. That field is immutable; the label
     * kubechat.io/session is only a convenience for kubectl, and whoever may patch a command can change it.
     */
    public List<CommandExecution> commandsOf(String sessionId) {
        List<CommandExecution> items = new ArrayList<>(allCommands().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().sessionRef() != null && sessionId.equals(c.getSpec().sessionRef().name()))
                .toList());
        items.sort(Comparator.comparing((CommandExecution c) -> c.getMetadata().getCreationTimestamp())
                .thenComparing(c -> c.getMetadata().getName()));
        return items;
    }

    public List<CommandExecution> allCommands() {
        return kube.gateway().resources(CommandExecution.class).inNamespace(namespace).list().getItems();
    }

    /** Posts {@code text} as a request of the session: a CommandExecution on the user's behalf (verb delegate). */
    public CommandExecution post(WebUser user, String sessionId, String text, String answers) {
        if (!user.mayRequest()) {
            throw ApiException.forbidden("NotAnOperator", user.username() + " may look but not send requests (needs the operator role)");
        }
        ChatSession s = session(user, sessionId);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("text must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("text may be at most " + MAX_TEXT + " characters");
        }
        if (answers != null && !asksInSession(answers, s)) {
            throw ApiException.badRequest("answers must name a command of this session that asked a question");
        }
        CommandExecution ce = new CommandExecution();
        ce.setMetadata(new ObjectMetaBuilder().withGenerateName("cmd-").withNamespace(namespace)
                .withLabels(Map.of(SESSION_LABEL, s.getMetadata().getName()))
                .withAnnotations(answers == null ? Map.of() : Map.of(ANSWERS_ANNOTATION, answers))
                // Deleting a conversation deletes its commands (their audit records stay in the ledger).
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(s.getApiVersion()).withKind(s.getKind())
                        .withName(s.getMetadata().getName()).withUid(s.getMetadata().getUid()).build())
                .build());
        ce.setSpec(new CommandExecutionSpec(text.strip(), null, new LocalReference(s.getMetadata().getName()),
                s.getSpec().cluster(), user.kubernetes(), null));
        return kube.gateway().resources(CommandExecution.class).inNamespace(namespace).resource(ce).create();
    }

    /** Whether {@code name} is a command of session {@code s} that ended in a question. */
    private boolean asksInSession(String name, ChatSession s) {
        if (!NAME.matcher(name).matches()) {
            return false;
        }
        CommandExecution asked = kube.gateway().resources(CommandExecution.class).inNamespace(namespace).withName(name).get();
        return asked != null && s.getMetadata().getName().equals(asked.getMetadata().getLabels().get(SESSION_LABEL))
                && asked.getStatus() != null && asked.getStatus().translation() != null
                && asked.getStatus().translation().clarification() != null;
    }

    /** Commands the user may see: of their sessions, their own, and (for approvers, auditors, admins) all. */
    public List<CommandExecution> commands(WebUser user, String phase, String sessionId) {
        List<CommandExecution> items = sessionId != null
                ? (session(user, sessionId) != null ? commandsOf(sessionId) : List.of())
                : allCommands();
        List<String> mine = sessionId != null ? List.of() : sessions(user).stream().map(s -> s.getMetadata().getName()).toList();
        return items.stream()
                .filter(c -> sessionId != null || mayView(user, c, mine))
                .filter(c -> phase == null || phase.isBlank() || CommandViews.phase(c).name().equalsIgnoreCase(phase))
                .sorted(Comparator.comparing((CommandExecution c) -> c.getMetadata().getCreationTimestamp()).reversed())
                .toList();
    }

    private static boolean mayView(WebUser user, CommandExecution c, List<String> mySessions) {
        if (user.has(Role.APPROVER) || user.has(Role.AUDITOR)) {
            return true;
        }
        var spec = c.getSpec();
        if (spec.requester() != null && user.kubernetes().user().equals(spec.requester().user())) {
            return true;
        }
        return spec.sessionRef() != null && mySessions.contains(spec.sessionRef().name());
    }

    /**
     * One command: in the sessions namespace by the rules above, elsewhere (created with kubectl or from Git)
     * only if the API server lets the user read it.
     */
    public CommandExecution command(WebUser user, String ns, String name) {
        if (!DNS_LABEL.matcher(ns).matches() || !NAME.matcher(name).matches()) {
            throw ApiException.notFound("command " + ns + "/" + name);
        }
        CommandExecution c;
        if (ns.equals(namespace)) {
            c = kube.gateway().resources(CommandExecution.class).inNamespace(ns).withName(name).get();
            if (c != null && !mayView(user, c, c.getSpec().sessionRef() == null ? List.of()
                    : sessions(user).stream().map(s -> s.getMetadata().getName()).toList())) {
                c = null;
            }
        } else {
            c = kube.as(user).resources(CommandExecution.class).inNamespace(ns).withName(name).get();
        }
        if (c == null) {
            throw ApiException.notFound("command " + ns + "/" + name);
        }
        return c;
    }

    /**
     * Approves or rejects as the approver: the patch impersonates them, so RBAC's verb approve and the admission
     * policy judge the real approver, and the operator checks them once more.
     */
    public CommandExecution decide(WebUser user, String ns, String name, ApprovalDecision decision, String reason) {
        if (!user.has(Role.APPROVER)) {
            throw ApiException.forbidden("NotAnApprover", user.username() + " does not have the approver role");
        }
        if (reason != null && reason.length() > 1024) {
            throw ApiException.badRequest("reason may be at most 1024 characters");
        }
        CommandExecution c = command(user, ns, name);
        if (CommandViews.phase(c) != ExecutionPhase.AwaitingApproval || c.getSpec().approval() != null) {
            throw new ApiException(409, "NotAwaitingApproval", "command " + ns + "/" + name + " is " + CommandViews.phase(c) + ", not awaiting approval");
        }
        if (decision == ApprovalDecision.APPROVED && c.getSpec().requester() != null
                && Objects.equals(c.getSpec().requester().user(), user.kubernetes().user())) {
            throw ApiException.forbidden("NotAnApprover", "you may not approve your own command");
        }
        Approval approval = new Approval(decision, user.kubernetes(), reason == null || reason.isBlank() ? null : reason.strip());
        String patch = Serialization.asJson(Map.of("spec", Map.of("approval", approval)));
        try {
            // On the object already read (by the gateway): fabric8 then sends the PATCH alone, without a GET as the
            // approver, who needs patch and approve in the sessions namespace but may not read the commands there.
            return kube.as(user).resources(CommandExecution.class).inNamespace(ns).resource(c)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                throw ApiException.forbidden("NotAnApprover", e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : "the Kubernetes API server refused the approval");
            }
            if (e.getCode() == 422 || e.getCode() == 409) {
                throw new ApiException(409, "NotAwaitingApproval", "the command was decided meanwhile");
            }
            throw e;
        }
    }
}
