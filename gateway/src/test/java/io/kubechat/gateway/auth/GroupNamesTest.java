package io.kubechat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"system:masters", "System:Masters", "SYSTEM:NODES", " system:masters", "system :masters",
            "system:\u200bmasters", "sys\u00adtem:masters", "\uff53ystem:masters", "system\uff1amasters", "\u0455ystem:masters",
            "s\u0443stem:masters", "system:\tmasters", "", "platform\n", "caf\u00e9"})
    void refused(String group) {
        assertThat(GroupNames.problem(group)).as(group).isPresent();
    }

    @Test
    void tooLongIsRefused() {
        assertThat(GroupNames.problem("a".repeat(201))).isPresent();
        assertThat(GroupNames.problem("a".repeat(200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "team:payments", "/org/team", "Domain Users", "kubechat-admins", "systems:ops", "my-system:x"})
    void accepted(String group) {
        assertThat(GroupNames.problem(group)).as(group).isEmpty();
    }
}
