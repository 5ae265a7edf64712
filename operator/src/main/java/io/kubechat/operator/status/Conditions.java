package io.kubechat.operator.status;

import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place conditions are built, following the Kubernetes API conventions: one entry per
 * type, and {@code lastTransitionTime} moves only when the status flips.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Returns {@code current} with the condition of {@code type} set. The list is a new one; entries
     * keep their order and a new type is appended. An update that changes nothing returns an equal list.
     */
    public static List<Condition> set(List<Condition> current, String type, ConditionStatus status, String reason,
            String message, long observedGeneration, Instant now) {
        Objects.requireNonNull(reason, "reason is required by the API conventions");
        List<Condition> result = new ArrayList<>(current == null ? List.of() : current);
        Optional<Condition> previous = find(result, type);
        String transitionTime = previous.filter(p -> p.status() == status).map(Condition::lastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition updated = new Condition(type, status, observedGeneration, transitionTime, reason, message);
        previous.ifPresentOrElse(p -> result.set(result.indexOf(p), updated), () -> result.add(updated));
        return List.copyOf(result);
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
