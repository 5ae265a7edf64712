package io.kubechat.gateway.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.Conversations;
import io.kubechat.gateway.kube.KubeAccess;
import io.kubechat.gateway.kube.Kinds;
import io.kubechat.gateway.web.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The resource explorer: every read impersonates the user, so the API server applies their RBAC. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources")
public class ResourceResource {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.:]{0,251}[a-z0-9])?$");
    static final int MAX_ROWS = 500;

    @Inject
    CurrentUser current;
    @Inject
    KubeAccess kube;
    @Inject
    Conversations conversations;

    @GET
    @Path("/namespaces")
    public List<String> namespaces() {
        WebUser user = current.get();
        try {
            return kube.as(user).namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            // Without the right to list namespaces, offer those the user's sessions point at.
            TreeSet<String> names = new TreeSet<>();
            conversations.sessions(user).forEach(s -> {
                if (s.getSpec().namespace() != null) {
                    names.add(s.getSpec().namespace());
                }
            });
            return List.copyOf(names);
        }
    }

    @GET
    @Path("/resources/{namespace}/{kind}")
    public Dtos.Table list(@PathParam("namespace") String namespace, @PathParam("kind") String kind) {
        Kinds.Kind k = kind(kind);
        checkNamespace(namespace);
        List<GenericKubernetesResource> items = kube.as(current.get()).genericKubernetesResources(k.apiVersion(), k.kind())
                .inNamespace(namespace).list().getItems();
        List<List<String>> rows = new ArrayList<>();
        for (GenericKubernetesResource r : items.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName())).limit(MAX_ROWS).toList()) {
            rows.add(row(k, r));
        }
        return new Dtos.Table(columns(k), rows);
    }

    @GET
    @Path("/resources/{namespace}/{kind}/{name}")
    public Map<String, Object> get(@PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name) {
        return redacted(fetch(namespace, kind, name));
    }

    @GET
    @Path("/resources/{namespace}/{kind}/{name}/describe")
    public Dtos.Text describe(@PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name) {
        GenericKubernetesResource r = fetch(namespace, kind, name);
        StringBuilder text = new StringBuilder(Serialization.asYaml(redacted(r)));
        try {
            List<Event> events = kube.as(current.get()).events().v1().events().inNamespace(namespace)
                    .withField("regarding.name", name).list().getItems();
            text.append("\nEvents:\n");
            if (events.isEmpty()) {
                text.append("  <none>\n");
            }
            for (Event e : events) {
                text.append("  ").append(Objects.toString(e.getType(), "")).append("  ").append(Objects.toString(e.getReason(), ""))
                        .append("  ").append(Objects.toString(e.getNote(), "")).append('\n');
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            text.append("\nEvents: not shown (no permission to list events)\n");
        }
        return new Dtos.Text(text.toString());
    }

    @GET
    @Path("/resources/{namespace}/{kind}/{name}/logs")
    public Dtos.Text logs(@PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name,
            @QueryParam("container") String container, @QueryParam("tail") Integer tail) {
        checkNamespace(namespace);
        checkName(name);
        // fabric8 appends the container to the pods/log query unencoded: "web&follow=true" would hold a thread open.
        if (container != null && !container.isBlank() && !DNS_LABEL.matcher(container).matches()) {
            throw ApiException.badRequest("not a container name: " + container);
        }
        int lines = tail == null ? 200 : Math.max(1, Math.min(tail, 5000));
        KubernetesClient client = kube.as(current.get());
        Kinds.Kind k = kind(kind);
        String log = switch (k.kind()) {
            case "Pod" -> container == null || container.isBlank()
                    ? client.pods().inNamespace(namespace).withName(name).tailingLines(lines).getLog()
                    : client.pods().inNamespace(namespace).withName(name).inContainer(container).tailingLines(lines).getLog();
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name).tailingLines(lines).getLog();
            default -> throw ApiException.badRequest("logs are available for pods and deployments, not " + k.plural());
        };
        return new Dtos.Text(log == null ? "" : log);
    }

    @GET
    @Path("/events")
    public Dtos.Table events(@QueryParam("namespace") String namespace) {
        KubernetesClient client = kube.as(current.get());
        List<Event> events;
        if (namespace == null || namespace.isBlank()) {
            events = client.events().v1().events().inAnyNamespace().list().getItems();
        } else {
            checkNamespace(namespace);
            events = client.events().v1().events().inNamespace(namespace).list().getItems();
        }
        List<List<String>> rows = events.stream().sorted(Comparator.comparing(ResourceResource::lastSeen).reversed()).limit(MAX_ROWS)
                .map(e -> List.of(e.getMetadata().getNamespace(), age(lastSeen(e)), Objects.toString(e.getType(), ""),
                        Objects.toString(e.getReason(), ""), object(e), Objects.toString(e.getNote(), "")))
                .toList();
        return new Dtos.Table(List.of("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), rows);
    }

    static String object(Event e) {
        return e.getRegarding() == null ? "" : Objects.toString(e.getRegarding().getKind(), "").toLowerCase() + "/" + Objects.toString(e.getRegarding().getName(), "");
    }

    static Instant lastSeen(Event e) {
        String t = e.getDeprecatedLastTimestamp() != null ? e.getDeprecatedLastTimestamp()
                : e.getEventTime() != null && e.getEventTime().getTime() != null ? e.getEventTime().getTime()
                : e.getMetadata().getCreationTimestamp();
        try {
            return t == null ? Instant.EPOCH : Instant.parse(t);
        } catch (RuntimeException ex) {
            return Instant.EPOCH;
        }
    }

    private GenericKubernetesResource fetch(String namespace, String kind, String name) {
        Kinds.Kind k = kind(kind);
        checkNamespace(namespace);
        checkName(name);
        GenericKubernetesResource r = kube.as(current.get()).genericKubernetesResources(k.apiVersion(), k.kind())
                .inNamespace(namespace).withName(name).get();
        if (r == null) {
            throw ApiException.notFound(k.kind() + " " + namespace + "/" + name);
        }
        return r;
    }

    /** The object as JSON, without managed fields, and with every value of a Secret replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redacted(GenericKubernetesResource r) {
        Map<String, Object> map = Serialization.jsonMapper().convertValue(r, LinkedHashMap.class);
        Object metadata = map.get("metadata");
        if (metadata instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).remove("managedFields");
            Object annotations = m.get("annotations");
            if (annotations instanceof Map<?, ?> a) {
                ((Map<String, Object>) a).remove("kubectl.kubernetes.io/last-applied-configuration");
            }
        }
        if ("Secret".equals(r.getKind())) {
            for (String field : List.of("data", "stringData")) {
                if (map.get(field) instanceof Map<?, ?> data) {
                    Map<String, Object> hidden = new LinkedHashMap<>();
                    data.keySet().forEach(key -> hidden.put(key.toString(), "<redacted>"));
                    map.put(field, hidden);
                }
            }
        }
        return map;
    }

    private static List<String> columns(Kinds.Kind k) {
        return switch (k.kind()) {
            case "Pod" -> List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            case "Deployment", "StatefulSet" -> List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
            case "Service" -> List.of("NAME", "TYPE", "CLUSTER-IP", "PORTS", "AGE");
            default -> List.of("NAME", "AGE");
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> row(Kinds.Kind k, GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        String age = age(created(r));
        Map<String, Object> spec = r.getAdditionalProperties().get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
        Map<String, Object> status = r.getAdditionalProperties().get("status") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
        return switch (k.kind()) {
            case "Pod" -> {
                List<Map<String, Object>> containers = status.get("containerStatuses") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
                long ready = containers.stream().filter(c -> Boolean.TRUE.equals(c.get("ready"))).count();
                long restarts = containers.stream().mapToLong(c -> c.get("restartCount") instanceof Number n ? n.longValue() : 0).sum();
                int total = spec.get("containers") instanceof List<?> l ? l.size() : containers.size();
                yield List.of(name, ready + "/" + total, Objects.toString(status.get("phase"), "Unknown"), Long.toString(restarts), age);
            }
            case "Deployment", "StatefulSet" -> {
                Object desired = spec.getOrDefault("replicas", 1);
                yield List.of(name, Objects.toString(status.getOrDefault("readyReplicas", 0)) + "/" + desired,
                        Objects.toString(status.getOrDefault("updatedReplicas", 0)), Objects.toString(status.getOrDefault("availableReplicas", 0)), age);
            }
            case "Service" -> {
                List<Map<String, Object>> ports = spec.get("ports") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
                String portText = String.join(",", ports.stream().map(p -> p.get("port") + "/" + p.getOrDefault("protocol", "TCP")).toList());
                yield List.of(name, Objects.toString(spec.getOrDefault("type", "ClusterIP")), Objects.toString(spec.getOrDefault("clusterIP", "")),
                        portText, age);
            }
            default -> List.of(name, age);
        };
    }

    private static Instant created(GenericKubernetesResource r) {
        String t = r.getMetadata().getCreationTimestamp();
        return t == null ? Instant.now() : Instant.parse(t);
    }

    static String age(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        if (d.isNegative() || since.equals(Instant.EPOCH)) {
            return "";
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    private static Kinds.Kind kind(String kind) {
        return Kinds.find(kind).orElseThrow(() -> new ApiException(404, "UnknownKind", "the explorer does not know the kind " + kind,
                "Try pods, deployments, services, configmaps, secrets, statefulsets, daemonsets, jobs, cronjobs or ingresses."));
    }

    private static void checkNamespace(String namespace) {
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw ApiException.badRequest("not a namespace name: " + namespace);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("not an object name: " + name);
        }
    }
}
