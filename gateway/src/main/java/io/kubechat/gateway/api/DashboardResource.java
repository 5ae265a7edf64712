package io.kubechat.gateway.api;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.crds.v1alpha1.ClusterConnection;
import io.kubechat.crds.v1alpha1.ExecutionPhase;
import io.kubechat.gateway.GatewayConfig;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.Role;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.CommandReader;
import io.kubechat.gateway.kube.CommandViews;
import io.kubechat.gateway.kube.Conversations;
import io.kubechat.gateway.kube.KubeAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cluster health as the user may see it (impersonated reads), their recent commands and what awaits approval. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class DashboardResource {

    @Inject
    CurrentUser current;
    @Inject
    KubeAccess kube;
    @Inject
    Conversations conversations;
    @Inject
    GatewayConfig config;
    @Inject
    CommandReader reader;

    @GET
    @Path("/dashboard")
    public Dtos.Dashboard dashboard() {
        WebUser user = current.get();
        KubernetesClient client = kube.as(user);
        List<Node> nodes = orEmpty(() -> client.nodes().list().getItems());
        int ready = (int) nodes.stream().filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
        List<String> namespaces = visibleNamespaces(user, client);
        Map<String, Integer> phases = new TreeMap<>();
        List<Dtos.Warning> warnings = new ArrayList<>();
        for (String ns : namespaces) {
            for (Pod p : orEmpty(() -> ns.isEmpty() ? client.pods().inAnyNamespace().list().getItems() : client.pods().inNamespace(ns).list().getItems())) {
                phases.merge(p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase(), 1, Integer::sum);
            }
            for (Event e : orEmpty(() -> ns.isEmpty() ? client.events().v1().events().inAnyNamespace().withField("type", "Warning").list().getItems()
                    : client.events().v1().events().inNamespace(ns).withField("type", "Warning").list().getItems())) {
                warnings.add(new Dtos.Warning(e.getMetadata().getNamespace(), ResourceResource.object(e), Objects.toString(e.getReason(), ""),
                        Objects.toString(e.getNote(), ""), ResourceResource.lastSeen(e).toString()));
            }
        }
        warnings.sort(Comparator.comparing(Dtos.Warning::lastSeen).reversed());
        var commands = conversations.commands(user, null, null);
        List<Dtos.Command> recent = commands.stream().filter(c -> c.getSpec().requester() != null
                && user.kubernetes().user().equals(c.getSpec().requester().user())).limit(10).map(c -> reader.view(user, c)).toList();
        List<Dtos.Command> pending = user.has(Role.APPROVER)
                ? commands.stream().filter(c -> CommandViews.phase(c) == ExecutionPhase.AwaitingApproval).map(c -> reader.view(user, c)).toList()
                : List.of();
        return new Dtos.Dashboard(new Dtos.Nodes(nodes.size(), ready), phases, warnings.stream().limit(50).toList(), recent, pending);
    }

    /** All namespaces ("" stands for them) when the user may list pods cluster-wide, else those their sessions target. */
    private List<String> visibleNamespaces(WebUser user, KubernetesClient client) {
        try {
            client.pods().inAnyNamespace().list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
            return List.of("");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            TreeSet<String> names = new TreeSet<>();
            conversations.sessions(user).forEach(s -> {
                if (s.getSpec().namespace() != null) {
                    names.add(s.getSpec().namespace());
                }
            });
            return List.copyOf(names);
        }
    }

    /** What the user may not read counts as nothing rather than failing the whole dashboard. */
    private static <T> List<T> orEmpty(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return List.of();
            }
            throw e;
        }
    }

    @GET
    @Path("/clusters")
    public List<Dtos.ClusterView> clusters() {
        WebUser user = current.get();
        List<Dtos.ClusterView> out = new ArrayList<>();
        try {
            var version = kube.gateway().getKubernetesVersion();
            out.add(new Dtos.ClusterView("local", "This cluster", true, version.getGitVersion(), Instant.now().toString(), "reachable"));
        } catch (KubernetesClientException e) {
            out.add(new Dtos.ClusterView("local", "This cluster", false, null, Instant.now().toString(), "the API server cannot be reached"));
        }
        for (ClusterConnection c : kube.gateway().resources(ClusterConnection.class).inNamespace(config.operatorNamespace()).list().getItems()) {
            var status = c.getStatus();
            String message = status == null || status.conditions() == null || status.conditions().isEmpty() ? "not probed yet"
                    : conditionForWeb(user, status.conditions().get(status.conditions().size() - 1));
            out.add(new Dtos.ClusterView(c.getMetadata().getName(),
                    c.getSpec() != null && c.getSpec().displayName() != null ? c.getSpec().displayName() : c.getMetadata().getName(),
                    status != null && Boolean.TRUE.equals(status.reachable()), status == null ? null : status.serverVersion(),
                    status == null ? null : status.lastProbeTime(), message));
        }
        return out;
    }

    /**
     * The probe's own words (parser messages that quote the kubeconfig, server URLs, root causes) only for admins;
     * everybody else learns the state and the operator's reason code.
     */
    static String conditionForWeb(WebUser user, io.kubechat.crds.v1alpha1.Condition condition) {
        if (user.has(Role.ADMIN)) {
            return condition.message();
        }
        boolean fine = condition.status() == io.kubechat.crds.v1alpha1.ConditionStatus.True;
        String reason = condition.reason() == null || !condition.reason().matches("[A-Za-z0-9]{1,64}") ? null : condition.reason();
        return (fine ? "reachable" : "not usable") + (reason == null ? "" : " (" + reason + ")") + "; an administrator sees the details";
    }
}
