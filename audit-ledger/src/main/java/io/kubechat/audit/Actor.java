package io.kubechat.audit;

import java.util.List;
import java.util.Objects;

/**
 * Who caused an event. Everything but the user may be unknown ({@code null}); groups keep their order
 * because the order is part of the hashed encoding.
 */
public record Actor(String user, List<String> groups, String sourceIp, String userAgent) {

    public Actor {
        groups = List.copyOf(Objects.requireNonNullElse(groups, List.of()));
    }

    public static Actor user(String user, String... groups) {
        return new Actor(user, List.of(groups), null, null);
    }

    public static Actor system() {
        return new Actor("system:kubechat", List.of(), null, null);
    }
}
