package io.kubechat.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every analyzer over one snapshot and ranks what they found, root causes first. Findings that
 * say the same thing about several pods of one workload are one finding, with the evidence of the first.
 * No finding means the target looks healthy.
 */
public final class Diagnoser {

    private final List<Analyzer> analyzers = List.of(new ContainerStates(), new Scheduling(), new Workloads(), new ServicesAndNodes(),
            new AutoscalersAndIngresses());

    public List<Finding> diagnose(Snapshot snapshot) {
        List<Finding> all = new ArrayList<>();
        analyzers.forEach(a -> all.addAll(a.analyze(snapshot)));
        Map<String, Finding> distinct = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(Finding::cause))
                .forEach(f -> distinct.putIfAbsent(f.cause() + "|" + f.about(), f));
        List<Finding> ranked = new ArrayList<>(distinct.values());
        // a container that is not ready is only a symptom when something above explains it
        if (ranked.stream().anyMatch(f -> f.cause().compareTo(Cause.NOT_READY) < 0)) {
            ranked.removeIf(f -> f.cause() == Cause.NOT_READY);
        }
        return List.copyOf(ranked);
    }
}
