package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.operator.Durations;
import io.kubechat.operator.access.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads other than plain get tables: describe, yaml/json output, events, logs, top and discovery. */
final class Reads {

    private static final String NO_METRICS =
            "metrics are not available: this cluster does not serve the metrics API (metrics.k8s.io); install metrics-server";

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private final ResultLimits limits;

    Reads(ResultLimits limits) {
        this.limits = limits;
    }

    /** -o yaml / -o json / -o name of the matching objects, Secret values and policy-named keys redacted. */
    CommandResult render(Target target, String output, Redaction redaction) {
        List<GenericKubernetesResource> objects = target.matching().stream().map(redaction::redact).toList();
        String text = switch (output) {
            case "json" -> objects.size() == 1 ? Serialization.asJson(objects.get(0)) : Serialization.asJson(Map.of("items", objects));
            case "name" -> objects.stream().map(o -> target.qualified(o.getMetadata().getName())).collect(Collectors.joining("\n"));
            default -> objects.stream().map(Serialization::asYaml).collect(Collectors.joining("\n"));
        };
        return text(objects.size() + " " + target.kind().plural(), text, objects.size());
    }

    /** The object as YAML, then its events, which is what matters most in kubectl describe. */
    CommandResult describe(Target target, Redaction redaction) {
        StringBuilder text = new StringBuilder();
        List<GenericKubernetesResource> objects = target.matching();
        for (GenericKubernetesResource object : objects) {
            GenericKubernetesResource shown = redaction.redact(object);
            text.append(Serialization.asYaml(shown));
            List<Event> events = eventsFor(target.client(), object);
            text.append("Events:");
            if (events.isEmpty()) {
                text.append(" <none>\n");
            } else {
                text.append('\n');
                for (Event e : events) {
                    text.append("  ").append(e.getType()).append('\t').append(e.getReason()).append('\t').append(e.getMessage()).append('\n');
                }
            }
        }
        return text(objects.size() == 1 ? target.qualified(objects.get(0).getMetadata().getName()) : objects.size() + " " + target.kind().plural(),
                text.toString(), objects.size());
    }

    /** kubectl events: newest last; warnings only or one object's events when asked. */
    CommandResult events(KubernetesClient client, Command command, ResourceKind kind, String namespace) {
        FilterWatchListDeletable<Event, EventList, Resource<Event>> query =
                namespace == null ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(namespace);
        CommandArguments args = command.arguments();
        if (args != null && Boolean.TRUE.equals(args.warningsOnly())) {
            query = query.withField("type", "Warning");
        }
        if (command.name() != null) {
            query = query.withField("involvedObject.name", command.name());
        }
        if (kind != null && !"Event".equals(kind.kind())) {
            query = query.withField("involvedObject.kind", kind.kind());
        }
        List<Event> events = new ArrayList<>(query.list().getItems());
        events.sort(Comparator.comparing(Reads::lastSeen));
        List<List<String>> rows = new ArrayList<>();
        int from = Math.max(0, events.size() - limits.maxRows());
        for (Event e : events.subList(from, events.size())) {
            rows.add(List.of(limits.cell(lastSeen(e)), limits.cell(e.getType()), limits.cell(e.getReason()),
                    limits.cell(e.getInvolvedObject().getKind().toLowerCase(Locale.ROOT) + "/" + e.getInvolvedObject().getName()),
                    limits.cell(e.getMessage())));
        }
        String summary = events.isEmpty() ? "No events found" : events.size() + " events";
        return new CommandResult(summary, List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), rows, null, from > 0, events.size());
    }

    /** Logs of a pod, or of one pod of a workload (as kubectl logs deployment/NAME picks one). */
    CommandResult logs(Target target, CommandArguments args) {
        KubernetesClient client = target.client();
        Pod pod = "Pod".equals(target.kind().kind()) ? podNamed(client, target.namespace(), target.name()) : podOf(target);
        PodResource resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
        String container = args == null ? null : args.container();
        // The client puts the name into the query string unencoded: "web&follow=true" would stream forever.
        if (container != null && !DNS_LABEL.matcher(container).matches()) {
            throw new CommandRefusedException("container " + container + " is not a container name (a DNS label)");
        }
        BytesLimitTerminateTimeTailPrettyLoggable logs = container == null ? resource : resource.inContainer(container);
        TimeTailPrettyLoggable selected = args != null && Boolean.TRUE.equals(args.previous()) ? logs.terminated() : logs;
        TailPrettyLoggable since = args != null && args.since() != null ? selected.sinceSeconds((int) Durations.parse(args.since()).toSeconds()) : selected;
        Loggable tail = args != null && args.tailLines() != null ? since.tailingLines(args.tailLines()) : since;
        return text("logs of pod/" + pod.getMetadata().getName(), tail.getLog(), null);
    }

    CommandResult top(KubernetesClient client, ResourceKind kind, String namespace) {
        if (client.getApiGroup("metrics.k8s.io") == null) {
            throw new CommandRefusedException(NO_METRICS);
        }
        try {
            if ("Node".equals(kind.kind())) {
                var rows = client.top().nodes().metrics().getItems().stream().map(m -> List.of(m.getMetadata().getName(),
                        m.getUsage().get("cpu").toString(), m.getUsage().get("memory").toString())).toList();
                return new CommandResult(rows.size() + " nodes", List.of("NAME", "CPU", "MEMORY"), rows, null, false, rows.size());
            }
            var metrics = namespace == null ? client.top().pods().metrics() : client.top().pods().metrics(namespace);
            var rows = metrics.getItems().stream().map(m -> List.of(m.getMetadata().getName(),
                    m.getContainers().stream().map(c -> c.getUsage().get("cpu").toString()).collect(Collectors.joining(",")),
                    m.getContainers().stream().map(c -> c.getUsage().get("memory").toString()).collect(Collectors.joining(",")))).toList();
            return new CommandResult(rows.size() + " pods", List.of("NAME", "CPU", "MEMORY"), rows, null, false, rows.size());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 503) {
                throw new CommandRefusedException(NO_METRICS);
            }
            throw e;
        }
    }

    CommandResult version(KubernetesClient client) {
        var version = client.getKubernetesVersion();
        return Writes.summary("Server Version: " + version.getGitVersion());
    }

    CommandResult clusterInfo(KubernetesClient client) {
        return Writes.summary("Kubernetes control plane is running at " + client.getMasterUrl());
    }

    CommandResult apiResources(KubernetesClient client) {
        List<List<String>> rows = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        for (String gv : groupVersions) {
            for (APIResource r : client.getApiResources(gv).getResources()) {
                if (!r.getName().contains("/")) {
                    rows.add(List.of(r.getName(), r.getShortNames() == null ? "" : String.join(",", r.getShortNames()), gv,
                            String.valueOf(r.getNamespaced()), r.getKind()));
                }
            }
        }
        List<List<String>> shown = rows.subList(0, Math.min(rows.size(), limits.maxRows()));
        return new CommandResult(rows.size() + " resource types", List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"),
                List.copyOf(shown), null, shown.size() < rows.size(), rows.size());
    }

    /** kubectl auth can-i, answered for the requester by the API server. */
    CommandResult canI(KubernetesClient client, Command command, ResourceKind kind, String namespace) {
        String verb = command.arguments() == null || command.arguments().accessVerb() == null ? "get" : command.arguments().accessVerb();
        var review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes()
                .withVerb(verb).withGroup(kind.group()).withResource(kind.plural())
                .withNamespace(kind.namespaced() ? namespace : null).withName(command.name())
                .endResourceAttributes().endSpec().build());
        boolean allowed = Boolean.TRUE.equals(review.getStatus().getAllowed());
        return Writes.summary(allowed ? "yes" : "no");
    }

    private Pod podOf(Target target) {
        GenericKubernetesResource workload = target.matching().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) workload.getAdditionalProperties().get("spec");
        Object selector = spec == null ? null : spec.get("selector");
        Map<?, ?> labels = selector instanceof Map<?, ?> m && m.get("matchLabels") instanceof Map<?, ?> l ? l
                : selector instanceof Map<?, ?> m2 ? m2 : Map.of();
        List<Pod> pods = target.client().pods().inNamespace(target.namespace())
                .withLabels(labels.entrySet().stream().collect(Collectors.toMap(e -> (String) e.getKey(), e -> String.valueOf(e.getValue()))))
                .list().getItems();
        return pods.stream().filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst()
                .or(() -> pods.stream().findFirst())
                .orElseThrow(() -> new ObjectNotFoundException("no pods found for " + target.qualified(workload.getMetadata().getName())));
    }

    private static Pod podNamed(KubernetesClient client, String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            throw new ObjectNotFoundException("pod/" + name + " not found in namespace " + namespace);
        }
        return pod;
    }

    private List<Event> eventsFor(KubernetesClient client, GenericKubernetesResource object) {
        String namespace = object.getMetadata().getNamespace();
        FilterWatchListDeletable<Event, EventList, Resource<Event>> events =
                namespace == null ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(namespace);
        return events.withField("involvedObject.uid", object.getMetadata().getUid()).list().getItems();
    }

    private CommandResult text(String summary, String text, Integer totalItems) {
        String value = text == null ? "" : text;
        boolean truncated = value.length() > limits.maxTextLength();
        // The end of a log or listing matters most, so cut from the front.
        String shown = truncated ? value.substring(value.length() - limits.maxTextLength()) : value;
        return new CommandResult(summary, null, null, shown, truncated, totalItems);
    }

    private static String lastSeen(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getMetadata().getCreationTimestamp() == null ? "" : e.getMetadata().getCreationTimestamp();
    }
}
