package io.kubechat.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubechat.crds.v1alpha1.Condition;
import io.kubechat.crds.v1alpha1.ConditionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T1 = Instant.parse("2026-11-26T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-11-26T10:05:00Z");

    @Test
    void addsANewTypeWithTheTimeOfTheTransition() {
        List<Condition> conditions = Conditions.set(List.of(), "Translated", ConditionStatus.True, "Translated", "ok", 1, T1);
        assertThat(conditions).containsExactly(
                new Condition("Translated", ConditionStatus.True, 1L, "2026-11-26T10:00:00Z", "Translated", "ok"));
    }

    @Test
    void keepsTheTransitionTimeWhenOnlyTheMessageChanges() {
        List<Condition> first = Conditions.set(null, "Succeeded", ConditionStatus.Unknown, "Running", "started", 1, T1);
        List<Condition> second = Conditions.set(first, "Succeeded", ConditionStatus.Unknown, "Running", "still going", 2, T2);
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.lastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
            assertThat(c.message()).isEqualTo("still going");
            assertThat(c.observedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void movesTheTransitionTimeWhenTheStatusFlips() {
        List<Condition> first = Conditions.set(null, "Succeeded", ConditionStatus.Unknown, "Running", "started", 1, T1);
        List<Condition> second = Conditions.set(first, "Succeeded", ConditionStatus.True, "Completed", "done", 1, T2);
        assertThat(second).singleElement().extracting(Condition::lastTransitionTime).isEqualTo("2026-11-26T10:05:00Z");
    }

    @Test
    void anUnchangedConditionGivesAnEqualList() {
        List<Condition> first = Conditions.set(null, "Authorized", ConditionStatus.True, "Allowed", "ok", 1, T1);
        assertThat(Conditions.set(first, "Authorized", ConditionStatus.True, "Allowed", "ok", 1, T2)).isEqualTo(first);
    }

    @Test
    void keepsOtherTypesInTheirOrder() {
        List<Condition> conditions = Conditions.set(null, "Translated", ConditionStatus.True, "Translated", null, 1, T1);
        conditions = Conditions.set(conditions, "Authorized", ConditionStatus.False, "Forbidden", "no", 1, T1);
        conditions = Conditions.set(conditions, "Translated", ConditionStatus.True, "Translated", "again", 1, T2);
        assertThat(conditions).extracting(Condition::type).containsExactly("Translated", "Authorized");
        assertThat(Conditions.find(conditions, "Translated")).map(Condition::message).contains("again");
        assertThat(Conditions.find(conditions, "Succeeded")).isEmpty();
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> Conditions.set(null, "Succeeded", ConditionStatus.True, null, "x", 1, T1))
                .isInstanceOf(NullPointerException.class);
    }
}
