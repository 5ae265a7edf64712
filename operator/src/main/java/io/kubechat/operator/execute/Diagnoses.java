package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.diagnosis.Diagnoser;
import io.kubechat.diagnosis.Evidence;
import io.kubechat.diagnosis.Finding;
import io.kubechat.diagnosis.Snapshot;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.KubectlRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * kubectl kubechat diagnose: reads the target, its pods, their events, nodes and claims and the last log
 * lines of crashing containers once, as the requester and bounded, then lets the analyzers say why it is
 * unhealthy. What the requester may not read beyond the target and its pods is left out, never guessed.
 */
final class Diagnoses {

    private static final int MAX_PODS = 200;
    private static final int MAX_OBJECTS = 20;
    private static final int LOG_LINES = 10;
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class), Map.entry("DaemonSet", DaemonSet.class), Map.entry("ReplicaSet", ReplicaSet.class),
            Map.entry("Job", Job.class), Map.entry("CronJob", CronJob.class), Map.entry("Pod", Pod.class), Map.entry("Service", Service.class),
            Map.entry("Node", Node.class), Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class), Map.entry("Ingress", Ingress.class),
            Map.entry("Namespace", Namespace.class));

    private final Diagnoser diagnoser = new Diagnoser();
    private final ResultLimits limits;
    private final KubectlRenderer renderer = new KubectlRenderer(KindLexicon.builtIn());

    Diagnoses(ResultLimits limits) {
        this.limits = limits;
    }

    /** One object by name, or each of the kind (at most {@value #MAX_OBJECTS}), their findings together. */
    CommandResult diagnose(Target target) {
        List<GenericKubernetesResource> objects = target.matching().stream().limit(MAX_OBJECTS).toList();
        if (objects.isEmpty()) {
            return Writes.summary("No " + target.kind().plural() + " found");
        }
        List<Finding> findings = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        // objects of one kind mostly share a namespace: its events are listed once, not once per object
        Map<String, List<Event>> eventsByNamespace = new HashMap<>();
        for (GenericKubernetesResource object : objects) {
            pods.addAll(read(target, object, eventsByNamespace, findings));
        }
        String subject = objects.size() == 1 ? target.qualified(objects.get(0).getMetadata().getName())
                : objects.size() + " " + target.kind().plural();
        return result(subject, objects.size(), findings, pods);
    }

    private List<Pod> read(Target target, GenericKubernetesResource found, Map<String, List<Event>> eventsByNamespace,
                           List<Finding> findings) {
        String kind = target.kind().kind();
        HasMetadata object = TYPED.containsKey(kind) ? Serialization.jsonMapper().convertValue(found, TYPED.get(kind)) : found;
        KubernetesClient client = target.client();
        String namespace = "Namespace".equals(kind) ? object.getMetadata().getName() : object.getMetadata().getNamespace();
        List<Pod> pods = podsOf(client, object, namespace);
        Set<String> involved = new HashSet<>();
        involved.add(object.getMetadata().getName());
        pods.forEach(p -> involved.add(p.getMetadata().getName()));
        List<Event> events = namespace == null ? List.of() : eventsByNamespace.computeIfAbsent(namespace,
                        n -> optional(() -> client.v1().events().inNamespace(n).list().getItems()))
                .stream().filter(e -> e.getInvolvedObject() != null && (involved.contains(e.getInvolvedObject().getName())
                        || e.getInvolvedObject().getName().startsWith(object.getMetadata().getName() + "-")))
                .toList();
        Snapshot snapshot = new Snapshot(object, pods, events, nodes(client, object, pods), claims(client, pods), previousLogs(client, pods),
                backends(client, object));
        findings.addAll(diagnoser.diagnose(snapshot));
        return pods;
    }

    private static List<Pod> podsOf(KubernetesClient client, HasMetadata object, String namespace) {
        if (object instanceof Pod pod) {
            return List.of(pod);
        }
        Map<String, String> labels = selectedBy(object);
        if (object instanceof Node node) {
            return optional(() -> client.pods().inAnyNamespace().withField("spec.nodeName", node.getMetadata().getName()).list().getItems())
                    .stream().limit(MAX_PODS).toList();
        }
        if (object instanceof Namespace) {
            return client.pods().inNamespace(namespace).list().getItems().stream().limit(MAX_PODS).toList();
        }
        if (labels == null) {
            return List.of();
        }
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream().limit(MAX_PODS).toList();
    }

    /** The labels of the pods the object owns or selects; null when it has none. */
    private static Map<String, String> selectedBy(HasMetadata object) {
        if (object instanceof Service service) {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            return selector == null || selector.isEmpty() ? null : selector;
        }
        LabelSelector selector = object instanceof Deployment d ? d.getSpec().getSelector()
                : object instanceof StatefulSet s ? s.getSpec().getSelector()
                : object instanceof DaemonSet s ? s.getSpec().getSelector()
                : object instanceof ReplicaSet r ? r.getSpec().getSelector()
                : object instanceof Job j ? j.getSpec().getSelector() : null;
        return matchLabels(selector);
    }

    private static Map<String, String> matchLabels(LabelSelector selector) {
        return selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty() ? null : selector.getMatchLabels();
    }

    private static List<Node> nodes(KubernetesClient client, HasMetadata object, List<Pod> pods) {
        if (object instanceof Node node) {
            return List.of(node);
        }
        Set<String> names = new HashSet<>();
        pods.forEach(p -> {
            if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                names.add(p.getSpec().getNodeName());
            }
        });
        List<Node> nodes = new ArrayList<>();
        names.stream().limit(20).forEach(name -> optional(() -> {
            Node node = client.nodes().withName(name).get();
            return node == null ? List.<Node>of() : List.of(node);
        }).forEach(nodes::add));
        return nodes;
    }

    /** The Services an Ingress sends to, as far as the requester may read them. */
    private static List<Service> backends(KubernetesClient client, HasMetadata object) {
        if (!(object instanceof Ingress ingress)) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        if (ingress.getSpec().getDefaultBackend() != null && ingress.getSpec().getDefaultBackend().getService() != null) {
            names.add(ingress.getSpec().getDefaultBackend().getService().getName());
        }
        if (ingress.getSpec().getRules() != null) {
            ingress.getSpec().getRules().stream().filter(r -> r.getHttp() != null).flatMap(r -> r.getHttp().getPaths().stream())
                    .filter(p -> p.getBackend().getService() != null).forEach(p -> names.add(p.getBackend().getService().getName()));
        }
        List<Service> services = new ArrayList<>();
        names.stream().limit(20).forEach(name -> optional(() -> {
            Service service = client.services().inNamespace(ingress.getMetadata().getNamespace()).withName(name).get();
            return service == null ? List.<Service>of() : List.of(service);
        }).forEach(services::add));
        return services;
    }

    private static List<PersistentVolumeClaim> claims(KubernetesClient client, List<Pod> pods) {
        Map<String, PersistentVolumeClaim> claims = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (pod.getSpec() == null || pod.getSpec().getVolumes() == null || !"Pending".equals(phase(pod))) {
                continue;
            }
            pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).limit(10).forEach(v -> {
                String name = v.getPersistentVolumeClaim().getClaimName();
                optional(() -> {
                    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
                    return claim == null ? List.<PersistentVolumeClaim>of() : List.of(claim);
                }).forEach(c -> claims.put(name, c));
            });
        }
        return List.copyOf(claims.values());
    }

    /** The last lines the previous instance of each crashing container wrote; a pod's logs may be unreadable. */
    private static Map<String, String> previousLogs(KubernetesClient client, List<Pod> pods) {
        Map<String, String> logs = new LinkedHashMap<>();
        for (Pod pod : pods.stream().limit(5).toList()) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                boolean crashing = status.getState() != null && status.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(status.getState().getWaiting().getReason());
                if (crashing) {
                    optional(() -> {
                        String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                                .inContainer(status.getName()).terminated().tailingLines(LOG_LINES).getLog();
                        return log == null ? List.<String>of() : List.of(log);
                    }).forEach(log -> logs.put(pod.getMetadata().getName() + "/" + status.getName(), log));
                }
            }
        }
        return logs;
    }

    private CommandResult result(String subject, int objects, List<Finding> findings, List<Pod> pods) {
        if (findings.isEmpty()) {
            long ready = pods.stream().filter(Diagnoses::ready).count();
            return Writes.summary(subject + (objects == 1 ? " looks" : " look") + " healthy"
                    + (pods.isEmpty() ? "" : ": " + ready + " of " + pods.size() + " pods ready") + ", and nothing found wrong");
        }
        List<List<String>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            List<String> fixes = finding.fixes().stream().map(renderer::render).toList();
            if (rows.size() < limits.maxRows()) {
                rows.add(List.of(finding.cause().name(), limits.cell(finding.summary()),
                        limits.cell(String.join("\n", finding.evidence().stream().map(Evidence::quote).toList())),
                        // a fix is run as written, so one that does not fit is left out rather than cut
                        String.join("\n", fixes.stream().filter(f -> f.length() <= limits.maxCellLength() / 2).limit(2).toList())));
            }
            text.append(finding.summary()).append('\n');
            for (Evidence evidence : finding.evidence()) {
                text.append("  ").append(evidence.source()).append(": ").append(evidence.quote().replace("\n", "\n    ")).append('\n');
            }
            fixes.forEach(fix -> text.append("  fix: ").append(fix).append('\n'));
        }
        String top = findings.get(0).summary();
        boolean truncated = text.length() > limits.maxTextLength() || rows.size() < findings.size();
        String shown = text.length() > limits.maxTextLength() ? text.substring(0, limits.maxTextLength()) : text.toString();
        return new CommandResult(top.length() > 1000 ? top.substring(0, 1000) + "…" : top, List.of("CAUSE", "FINDING", "EVIDENCE", "FIX"), rows, shown,
                truncated, findings.size());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    /** A read beyond the target and its pods: refused or missing, it is left out of the snapshot. */
    private static <T> List<T> optional(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }
}
