package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Roles and the bindings that grant them: "create role pod-reader in shop that can get and list pods",
 * "give dave edit rights in shop", "bind clusterrole view to service account monitoring:prometheus". Every
 * command it builds is destructive (it changes RBAC), so what it cannot read exactly stays unread.
 */
final class GrantReader {

    private static final Set<String> RULE_VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");
    /** Everyday names of the built-in cluster roles. */
    private static final Map<String, String> ROLE_WORDS = Map.ofEntries(Map.entry("edit", "edit"),
            Map.entry("write", "edit"), Map.entry("view", "view"), Map.entry("read-only", "view"),
            Map.entry("readonly", "view"), Map.entry("read", "view"), Map.entry("viewer", "view"),
            Map.entry("admin", "admin"), Map.entry("cluster-admin", "cluster-admin"));
    private static final Set<String> BUILT_IN_ROLES = Set.of("view", "edit", "admin", "cluster-admin");
    private static final Set<String> GRANT_NOUNS = Set.of("rights", "access", "permissions", "permission",
            "privileges", "role", "rolebinding");
    private static final Set<String> GRANT_VERBS = Set.of("give", "grant", "bind", "let", "allow", "make");
    private static final List<String> CLUSTER_WIDE = List.of("whole cluster", "entire cluster", "cluster-wide",
            "clusterwide", "all namespaces", "across the cluster", "everywhere", "cluster wide");
    private static final Pattern ACCOUNT_REF = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Set<String> FILLER = Set.of("that", "can", "allowed", "allowing", "to", "with", "and", "on",
            "the", "a", "for", "giving", "binding", "rights", "access", "permissions", "permission", "privileges",
            "call", "it", "as", "user", "group", "of", "in", "is");

    private final KindLexicon kinds;

    GrantReader(KindLexicon kinds) {
        this.kinds = kinds;
    }

    /** "give dave edit rights", "bind ... to", "make grace a cluster admin": a binding, with no kind word needed. */
    static boolean asksForGrant(Tokens t) {
        boolean verb = false;
        boolean builtIn = false;
        boolean roleWord = false;
        boolean noun = false;
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            verb |= GRANT_VERBS.contains(word);
            builtIn |= ROLE_WORDS.containsKey(word);
            roleWord |= word.equals("clusterrole") || word.equals("role") || t.matches(i, "cluster role");
            noun |= GRANT_NOUNS.contains(word) && !word.equals("role") || word.equals("binding");
        }
        boolean clusterAdmin = t.contains("cluster admin") || t.contains("cluster-admin");
        return (t.contains("bind") || t.contains("grant")) && (builtIn || roleWord)
                || verb && builtIn && noun || verb && clusterAdmin
                || t.contains("let") && (t.contains("service account") || t.contains("user") || t.contains("group"))
                && (t.contains("view") || t.contains("edit"));
    }

    void read(Draft d) {
        if (d.verb != Verb.CREATE) {
            return;
        }
        boolean ruleKind = d.kind != null && (d.kind.is("Role") || d.kind.is("ClusterRole"));
        boolean bindingKind = d.kind != null && (d.kind.is("RoleBinding") || d.kind.is("ClusterRoleBinding"));
        if (ruleKind && !d.granting) {
            readRules(d, d.tokens);
        } else if (bindingKind || d.granting) {
            readBinding(d, d.tokens);
        }
    }

    private void readRules(Draft d, Tokens t) {
        List<String> verbs = new ArrayList<>(d.args.roleVerbs() == null ? List.of() : d.args.roleVerbs());
        List<String> resources = new ArrayList<>(d.args.roleResources() == null ? List.of() : d.args.roleResources());
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i)) {
                continue;
            }
            List<String> parts = List.of(t.word(i).split(","));
            if (parts.stream().allMatch(RULE_VERBS::contains)) {
                parts.stream().filter(v -> !verbs.contains(v)).forEach(verbs::add);
                t.use(i);
                continue;
            }
            String resource = resource(t.word(i));
            if (resource != null && !resources.contains(resource)) {
                resources.add(resource);
                t.use(i);
            }
        }
        t.takeEach(FILLER);
        d.args.roleVerbs(verbs.isEmpty() ? null : verbs).roleResources(resources.isEmpty() ? null : resources);
    }

    /** "deployments", "pods/log": a kind's plural, with a subresource after the slash. */
    private String resource(String word) {
        int slash = word.indexOf('/');
        String base = slash < 0 ? word : word.substring(0, slash);
        Optional<KindInfo> kind = kinds.lookup(base);
        if (kind.isEmpty() || (slash >= 0 && !word.substring(slash + 1).matches("[a-z]+"))) {
            return null;
        }
        return kind.get().plural() + (slash < 0 ? "" : word.substring(slash));
    }

    private void readBinding(Draft d, Tokens t) {
        boolean clusterKind = d.kind != null && (d.kind.is("ClusterRole") || d.kind.is("ClusterRoleBinding"));
        String roleName = readRoleRef(d, t);
        readSubjects(d, t);
        readBindingName(d, t);
        boolean clusterWide = CLUSTER_WIDE.stream().anyMatch(t::take);
        boolean clusterScope = d.namespace == null && (clusterWide || clusterKind || "cluster-admin".equals(d.args.clusterRole()));
        d.kind = kinds.byKind(clusterScope ? "ClusterRoleBinding" : "RoleBinding").orElseThrow();
        t.takeEach(FILLER);
        t.takeEach(GRANT_VERBS);
        t.takeEach(Set.of("read", "only", "cluster", "admin", "rolebinding", "clusterrolebinding", "bind", "grant"));
    }

    /** The role granted; its name, or null. "edit rights", "clusterrole view", "the role shop-reader". */
    private String readRoleRef(Draft d, Tokens t) {
        if (d.args.clusterRole() != null || d.args.role() != null) {
            return d.args.clusterRole() != null ? d.args.clusterRole() : d.args.role();
        }
        if (t.take("cluster admin") || t.take("cluster-admin")) {
            d.args.clusterRole("cluster-admin");
            return "cluster-admin";
        }
        for (int i = 0; i < t.size(); i++) {
            String word = t.word(i);
            boolean clusterRoleWord = word.equals("clusterrole") || t.matches(i, "cluster role");
            boolean roleWord = word.equals("role") || clusterRoleWord;
            if (roleWord) {
                int after = i + (t.matches(i, "cluster role") ? 2 : 1);
                String named = ROLE_WORDS.containsKey(t.word(after)) && t.free(after) ? ROLE_WORDS.get(t.word(after))
                        : Words.isValue(t, after) && !FILLER.contains(t.word(after)) ? t.word(after) : null;
                int used = named != null ? after : -1;
                if (named == null && ROLE_WORDS.containsKey(t.word(i - 1)) && t.free(i - 1)) {
                    named = ROLE_WORDS.get(t.word(i - 1));
                    used = i - 1;
                }
                if (named != null) {
                    boolean builtIn = BUILT_IN_ROLES.contains(named);
                    if (clusterRoleWord || builtIn) {
                        d.args.clusterRole(named);
                    } else {
                        d.args.role(named);
                    }
                    t.use(used);
                    t.use(i, after);
                    return named;
                }
            }
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.free(i) && ROLE_WORDS.containsKey(t.word(i)) && (GRANT_NOUNS.contains(t.word(i + 1))
                    || t.word(i + 1).equals("only") || t.word(i - 1).equals("let") || t.word(i - 2).equals("let")
                    || t.word(i - 1).equals("account") || t.word(i - 1).equals("the") && t.word(i + 1).equals("role"))) {
                String role = ROLE_WORDS.get(t.word(i));
                d.args.clusterRole(role);
                t.use(i);
                return role;
            }
        }
        return null;
    }

    private static void readSubjects(Draft d, Tokens t) {
        List<String> users = new ArrayList<>(d.args.users() == null ? List.of() : d.args.users());
        List<String> groups = new ArrayList<>(d.args.groups() == null ? List.of() : d.args.groups());
        List<String> accounts = new ArrayList<>(d.args.serviceAccounts() == null ? List.of() : d.args.serviceAccounts());
        for (int i = 0; i < t.size(); i++) {
            if (!t.free(i) && !t.word(i).equals("service") && !t.word(i).equals("serviceaccount")) {
                continue;
            }
            if ((t.word(i).equals("user") || t.word(i).equals("group")) && Words.isValue(t, i + 1)) {
                (t.word(i).equals("user") ? users : groups).add(t.word(i + 1));
                t.use(i, i + 2);
            } else if (t.word(i).equals("service") && t.word(i + 1).equals("account") || t.word(i).equals("serviceaccount")) {
                int after = i + (t.word(i).equals("serviceaccount") ? 1 : 2);
                int before = t.word(i - 1).equals("the") ? i - 1 : i;
                if (ACCOUNT_REF.matcher(t.word(after)).matches() && t.free(after)) {
                    accounts.add(t.word(after));
                    t.use(i, after + 1);
                } else if (Words.isValue(t, before - 1)) {
                    d.serviceAccountsInNamespace.add(t.word(before - 1));
                    t.use(before - 1, after);
                }
            }
        }
        if (users.isEmpty() && groups.isEmpty() && accounts.isEmpty() && d.serviceAccountsInNamespace.isEmpty()) {
            // "give dave edit rights", "make grace a cluster admin": the one granted follows the verb
            for (String verb : List.of("give", "grant", "make", "let", "allow")) {
                int at = t.find(verb).orElse(-1);
                if (at >= 0 && Words.isValue(t, at + 1) && !ROLE_WORDS.containsKey(t.word(at + 1))) {
                    users.add(t.word(at + 1));
                    t.use(at, at + 2);
                    break;
                }
            }
        }
        d.args.users(users.isEmpty() ? null : users).groups(groups.isEmpty() ? null : groups)
                .serviceAccounts(accounts.isEmpty() ? null : accounts);
    }

    /** "binding frank-view", "call the binding frank-view", "as erin-reader". */
    private static void readBindingName(Draft d, Tokens t) {
        if (d.name != null) {
            return;
        }
        for (String marker : List.of("binding", "as")) {
            int at = t.find(marker).orElse(-1);
            if (at >= 0 && Words.isValue(t, at + 1)) {
                d.name = t.word(at + 1);
                t.use(at, at + 2);
                return;
            }
        }
    }

    /** A binding the request does not name is SUBJECT-ROLE: "give bob view access" is bob-view. */
    static void nameBinding(Draft d) {
        boolean binding = d.verb == Verb.CREATE && d.kind != null && (d.kind.is("RoleBinding") || d.kind.is("ClusterRoleBinding"));
        String role = d.args.clusterRole() != null ? d.args.clusterRole() : d.args.role();
        String subject = firstSubject(d);
        if (binding && d.name == null && role != null && subject != null) {
            d.name = subject + "-" + role;
        }
    }

    private static String firstSubject(Draft d) {
        if (d.args.users() != null) {
            return d.args.users().get(0);
        }
        if (d.args.groups() != null) {
            return d.args.groups().get(0);
        }
        if (!d.serviceAccountsInNamespace.isEmpty()) {
            return d.serviceAccountsInNamespace.get(0);
        }
        return d.args.serviceAccounts() == null ? null : d.args.serviceAccounts().get(0).substring(d.args.serviceAccounts().get(0).indexOf(':') + 1);
    }
}
