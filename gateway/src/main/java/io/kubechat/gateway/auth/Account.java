package io.kubechat.gateway.auth;

import java.time.Instant;
import java.util.List;

/** A row of gateway_user, without its password hash. */
public record Account(String username, String displayName, List<String> roles, List<String> groups, String source,
                      Instant createdAt) {
}
