package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;

/**
 * Everything a diagnosis reads, gathered once as the requester: the target, the pods it owns or
 * selects, the events about them, the nodes and claims they need, and the last lines the previous
 * instance of a crashing container wrote (keyed "pod/container"), and the Services an Ingress sends
 * to. Lists the requester may not read
 * are empty; the analyzers then say less, never something false.
 */
public record Snapshot(HasMetadata target, List<Pod> pods, List<Event> events, List<Node> nodes,
                       List<PersistentVolumeClaim> claims, Map<String, String> previousLogs, List<Service> services) {

    public Snapshot {
        pods = List.copyOf(pods);
        events = List.copyOf(events);
        nodes = List.copyOf(nodes);
        claims = List.copyOf(claims);
        previousLogs = Map.copyOf(previousLogs);
        services = List.copyOf(services);
    }
}
