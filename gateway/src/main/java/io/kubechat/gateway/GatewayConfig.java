package io.kubechat.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the gateway, under {@code kubechat.gateway}. */
@ConfigMapping(prefix = "kubechat.gateway")
public interface GatewayConfig {

    /** Namespace holding the ChatSessions and the CommandExecutions the gateway creates. */
    @WithDefault("kubechat-sessions")
    String sessionsNamespace();

    /** Namespace of the operator: ClusterConnections live there. */
    @WithDefault("kubechat-system")
    String operatorNamespace();

    /** Prepended to a web user name to form the Kubernetes user (like --oidc-username-prefix); none by default. */
    Optional<String> usernamePrefix();

    /** Prepended to each web group to form a Kubernetes group (like --oidc-groups-prefix); none by default. */
    Optional<String> groupPrefix();

    /** Group every web user has in Kubernetes, besides their own. */
    @WithDefault("kubechat:users")
    String usersGroup();

    /** How long a sign-in lasts. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** Mark the session cookie Secure; on whenever the gateway is reached over TLS. */
    @WithDefault("false")
    boolean secureCookie();

    /** BCrypt cost factor for local passwords. */
    @WithDefault("12")
    int bcryptCost();

    Admin admin();

    RateLimit rateLimit();

    Oidc oidc();

    interface Admin {
        /** Name of the first administrator, created at startup when no administrator exists. */
        @WithDefault("admin")
        String username();

        /** Its password; when absent, read from {@link #passwordFile()}, else generated and logged once. */
        Optional<String> password();

        /** A file (for example a mounted Secret) holding the first administrator's password. */
        Optional<Path> passwordFile();
    }

    interface RateLimit {
        /** Requests per minute one signed-in user may make. */
        @WithDefault("600")
        long perUser();

        /** Requests per minute one client address may make. */
        @WithDefault("1200")
        long perIp();

        /** Sign-in attempts per minute from one client address. */
        @WithDefault("10")
        long loginPerIp();
    }

    interface Oidc {
        /** Claim of the ID token holding the user name. */
        @WithDefault("preferred_username")
        String usernameClaim();

        /** Claim of the ID token holding the groups. */
        @WithDefault("groups")
        String groupsClaim();

        /** Roles of a user signing in through OIDC for the first time. */
        @WithDefault("viewer")
        List<String> defaultRoles();

        /** Members of this group (as named by the IdP) get the admin role. */
        Optional<String> adminGroup();

        /** Members of this group get the approver role. */
        Optional<String> approverGroup();

        /** Members of this group get the operator role. */
        Optional<String> operatorGroup();

        /** Members of this group get the auditor role. */
        Optional<String> auditorGroup();
    }
}
