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

    /**
     * Prepended to a web user name to form the Kubernetes user (like kube-apiserver's --oidc-username-prefix), so
     * that no web or IdP account can be a Kubernetes user it was not given; "-" for none, which lets web users
     * name any Kubernetes user and is only for installations where the IdP is the cluster's own.
     */
    @WithDefault("kubechat:")
    String usernamePrefix();

    /** Prepended to each web group to form a Kubernetes group (like --oidc-groups-prefix); "-" for none. */
    @WithDefault("kubechat:")
    String groupPrefix();

    /**
     * Addresses (or CIDR blocks) of the proxies in front of the gateway, such as the Ingress controller, whose
     * X-Forwarded-For is believed; none by default, so the TCP peer is the client.
     */
    Optional<List<String>> trustedProxies();

    /** Group every web user has in Kubernetes, besides their own. */
    @WithDefault("kubechat:users")
    String usersGroup();

    /** How long a sign-in lasts. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** A sign-in not used for this long ends. */
    @WithDefault("30m")
    Duration sessionIdleTimeout();

    /**
     * Mark the session cookie Secure and name it with the __Host- prefix. On by default; turn it off only where the
     * gateway is reached over plain HTTP (a laptop), never behind a TLS Ingress.
     */
    @WithDefault("true")
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

        /** Its password; when absent, read from {@link #passwordFile()}; with neither, no administrator is created. */
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

        /**
         * Failed sign-ins one account may have within {@link #loginFailureWindow()}, from wherever they come; then
         * every sign-in to it is refused (429) until the window has refilled, so guesses spread over many
         * addresses are as slow as guesses from one.
         */
        @WithDefault("10")
        long loginFailuresPerAccount();

        @WithDefault("10m")
        Duration loginFailureWindow();
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
