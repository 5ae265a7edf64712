package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Service with no pod behind it (its selector matches none, or none is ready), and nodes that are
 * not ready or under memory, disk or PID pressure, when the target is a node or runs on one.
 */
final class ServicesAndNodes implements Analyzer {

    private static final Set<String> PRESSURES = Set.of("MemoryPressure", "DiskPressure", "PIDPressure");

    @Override
    public List<Finding> analyze(Snapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        if (snapshot.target() instanceof Service service) {
            service(snapshot, service, findings);
        }
        Set<String> used = new java.util.HashSet<>();
        snapshot.pods().forEach(p -> {
            if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                used.add(p.getSpec().getNodeName());
            }
        });
        for (Node node : snapshot.nodes()) {
            if (snapshot.target() instanceof Node || used.contains(node.getMetadata().getName())) {
                node(node, findings);
            }
        }
        return findings;
    }

    private static void service(Snapshot snapshot, Service service, List<Finding> findings) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        String where = "service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        if (selector == null || selector.isEmpty()) {
            return;
        }
        if (snapshot.pods().isEmpty()) {
            findings.add(new Finding(Cause.NO_ENDPOINTS, "service " + service.getMetadata().getName(), "Service " + service.getMetadata().getName()
                    + " sends traffic nowhere: no pod has the labels its selector asks for.",
                    List.of(new Evidence(where + " spec.selector", selector.toString())), List.of()));
            return;
        }
        List<Pod> ready = snapshot.pods().stream().filter(ServicesAndNodes::ready).toList();
        if (ready.isEmpty()) {
            findings.add(new Finding(Cause.NO_ENDPOINTS, "service " + service.getMetadata().getName(), "Service " + service.getMetadata().getName() + " selects "
                    + snapshot.pods().size() + " pods but none is ready, so it has no endpoints.",
                    List.of(new Evidence(where + " spec.selector", selector.toString())), List.of()));
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static void node(Node node, List<Finding> findings) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return;
        }
        String where = "node " + node.getMetadata().getName() + " status.conditions";
        for (NodeCondition condition : node.getStatus().getConditions()) {
            String quote = "status: " + condition.getStatus() + (condition.getReason() == null ? "" : ", reason: " + condition.getReason())
                    + (condition.getMessage() == null ? "" : ", message: " + condition.getMessage());
            if ("Ready".equals(condition.getType()) && !"True".equals(condition.getStatus())) {
                findings.add(new Finding(Cause.NODE_NOT_READY, "node " + node.getMetadata().getName(), "Node " + node.getMetadata().getName() + " is not ready"
                        + ("Unknown".equals(condition.getStatus()) ? ": it has stopped reporting" : "") + ".",
                        List.of(new Evidence(where + "[Ready]", quote)), List.of()));
            } else if (PRESSURES.contains(condition.getType()) && "True".equals(condition.getStatus())) {
                findings.add(new Finding(Cause.NODE_PRESSURE, "node " + node.getMetadata().getName(), "Node " + node.getMetadata().getName() + " is short of "
                        + condition.getType().replace("Pressure", "").toLowerCase(java.util.Locale.ROOT) + ".",
                        List.of(new Evidence(where + "[" + condition.getType() + "]", quote)), List.of()));
            }
        }
    }
}
