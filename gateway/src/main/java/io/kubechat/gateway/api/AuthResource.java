package io.kubechat.gateway.api;

import io.kubechat.gateway.GatewayConfig;
import io.kubechat.gateway.audit.Ledger;
import io.kubechat.gateway.auth.Account;
import io.kubechat.gateway.auth.AccountStore;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.GroupNames;
import io.kubechat.gateway.auth.PasswordHasher;
import io.kubechat.gateway.auth.Public;
import io.kubechat.gateway.auth.Role;
import io.kubechat.gateway.auth.SessionStore;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.web.ApiException;
import io.kubechat.gateway.web.ClientAddress;
import io.kubechat.gateway.web.RateLimiter;
import io.quarkus.oidc.IdToken;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    /** The actor of a failed sign-in: nobody has shown who they are. */
    static final String ANONYMOUS = "anonymous";

    @Inject
    AccountStore accounts;
    @Inject
    SessionStore sessions;
    @Inject
    PasswordHasher hasher;
    @Inject
    CurrentUser current;
    @Inject
    RateLimiter limiter;
    @Inject
    Ledger ledger;
    @Inject
    GatewayConfig config;
    @Inject
    ClientAddress addresses;
    @Inject
    @IdToken
    JsonWebToken idToken;
    @ConfigProperty(name = "quarkus.oidc.tenant-enabled")
    boolean oidcEnabled;

    @POST
    @Path("/auth/login")
    @Public
    @Operation(summary = "Sign in with a local account; sets the session cookie and returns the CSRF token")
    public Response login(Dtos.LoginRequest body, @Context HttpServerRequest http) {
        String address = addresses.of(http);
        limiter.login(address);
        if (body == null || body.username() == null || body.password() == null) {
            throw ApiException.badRequest("username and password are required");
        }
        String username = body.username().strip().toLowerCase(Locale.ROOT);
        boolean wellFormed = AccountStore.USERNAME.matcher(username).matches();
        if (wellFormed) {
            limiter.loginAccount(username);
        }
        var credentials = wellFormed ? accounts.credentials(username) : java.util.Optional.<AccountStore.Credentials>empty();
        boolean ok = hasher.matches(body.password().toCharArray(), credentials.map(AccountStore.Credentials::passwordHash).orElse(null));
        String agent = http.getHeader("User-Agent");
        if (!ok) {
            if (wellFormed) {
                limiter.loginFailed(username);
            }
            // Nobody is authenticated yet: the actor is fixed, what was typed is only data, so failures cannot be
            // filed under someone else's name.
            ledger.authentication(ANONYMOUS, List.of(), address, agent, "password", false,
                    "invalid credentials for " + (wellFormed ? "account " + username : "a malformed user name"));
            throw new ApiException(401, "InvalidCredentials", "wrong user name or password");
        }
        Account account = credentials.get().account();
        return signIn(account, account.groups(), address, agent, "password");
    }

    private Response signIn(Account account, List<String> groups, String address, String agent, String method) {
        SessionStore.Opened opened = sessions.open(account, groups);
        ledger.authentication(opened.user().kubernetes().user(), opened.user().kubernetes().groups(), address, agent, method, true, null);
        return Response.ok(new Dtos.LoginResponse(user(opened.user()), opened.user().csrfToken()))
                .cookie(cookie(opened.cookieValue(), (int) config.sessionLifetime().toSeconds())).build();
    }

    @POST
    @Path("/auth/logout")
    @Operation(summary = "Sign out: ends the server-side session (and any OIDC session cookie)")
    public Response logout(@Context HttpServerRequest http) {
        current.get();
        Cookie cookie = http.getCookie(sessions.cookieName());
        if (cookie != null) {
            sessions.close(cookie.getValue());
        }
        return Response.noContent().cookie(withoutOidcSession(http, cookie("", 0))).build();
    }

    @GET
    @Path("/auth/providers")
    @Public
    public Dtos.Providers providers() {
        return new Dtos.Providers(true, oidcEnabled);
    }

    /**
     * OIDC sign-in. quarkus-oidc guards this path: without an OIDC session it redirects to the IdP (authorization
     * code flow with PKCE and a nonce) and back here; then the ID token becomes a gateway session and the browser
     * goes to the UI. The account is the token's issuer and subject: preferred_username only names a new account,
     * and a name another subject holds (or a local account has) is refused, never shared. quarkus-oidc's own
     * session cookie is dropped at once, so signing out of the gateway signs out, and the next sign-in asks the IdP.
     */
    @GET
    @Path("/auth/oidc")
    @Public
    @Operation(summary = "Sign in through the configured OpenID Connect provider (302 to the IdP); 404 when none is configured")
    public Response oidc(@Context HttpServerRequest http) {
        if (!oidcEnabled) {
            throw new ApiException(404, "OidcNotConfigured", "sign-in through OpenID Connect is not configured");
        }
        GatewayConfig.Oidc oidc = config.oidc();
        String issuer = idToken.getIssuer();
        String subject = idToken.getSubject();
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new ApiException(403, "OidcUserNotAccepted", "the identity provider's token has no issuer or subject");
        }
        List<String> groups = groups(idToken.getClaim(oidc.groupsClaim()));
        List<String> roles = roles(groups);
        String username = accounts.oidcUsername(issuer, subject).orElseGet(() -> claimUsername(oidc));
        Account account = accounts.find(username).orElse(null);
        if (account != null && !"oidc".equals(account.source())) {
            throw new ApiException(409, "AccountExists", "a local account named " + username + " exists; sign in with its password");
        }
        if (!accounts.bindSubject(issuer, subject, username) && !accounts.oidcUsername(issuer, subject).orElse("").equals(username)) {
            throw new ApiException(409, "AccountExists", "the user name " + username + " belongs to another identity of the provider");
        }
        if (account == null) {
            accounts.create(username, displayName(username), null, roles, List.of(), "oidc");
        } else {
            accounts.update(username, null, null, roles, null);
        }
        Account signedIn = accounts.find(username).orElseThrow();
        Response login = signIn(signedIn, groups, addresses.of(http), http.getHeader("User-Agent"), "oidc");
        return Response.seeOther(URI.create("/"))
                .cookie(withoutOidcSession(http, login.getCookies().values().toArray(NewCookie[]::new))).build();
    }

    /** The name a subject signing in for the first time asks for, from the configured claim. */
    private String claimUsername(GatewayConfig.Oidc oidc) {
        if ("email".equals(oidc.usernameClaim()) && !Boolean.TRUE.equals(booleanClaim("email_verified"))) {
            throw new ApiException(403, "OidcUserNotAccepted", "the identity provider has not verified this e-mail address");
        }
        Object name = idToken.getClaim(oidc.usernameClaim());
        String username = name == null ? null : name.toString().strip().toLowerCase(Locale.ROOT);
        if (username == null || !AccountStore.USERNAME.matcher(username).matches()) {
            throw new ApiException(403, "OidcUserNotAccepted", "the identity provider's claim " + oidc.usernameClaim()
                    + " is missing or not a usable user name");
        }
        return username;
    }

    private Boolean booleanClaim(String claim) {
        Object v = idToken.getClaim(claim);
        return v instanceof Boolean b ? b : v instanceof jakarta.json.JsonValue j ? j == jakarta.json.JsonValue.TRUE : v != null && Boolean.parseBoolean(v.toString());
    }

    /** Adds expired copies of quarkus-oidc's session cookies (q_session, and its chunks) to {@code cookies}. */
    private NewCookie[] withoutOidcSession(HttpServerRequest http, NewCookie... cookies) {
        List<NewCookie> out = new ArrayList<>(List.of(cookies));
        for (Cookie c : http.cookies()) {
            if (c.getName().startsWith("q_session")) {
                out.add(new NewCookie.Builder(c.getName()).value("").path("/").httpOnly(true).secure(config.secureCookie())
                        .maxAge(0).build());
            }
        }
        return out.toArray(NewCookie[]::new);
    }

    private String displayName(String username) {
        Object name = idToken.getClaim("name");
        return name == null ? username : name.toString();
    }

    private List<String> roles(List<String> groups) {
        GatewayConfig.Oidc oidc = config.oidc();
        List<String> roles = new ArrayList<>(oidc.defaultRoles());
        oidc.adminGroup().filter(groups::contains).ifPresent(g -> roles.add(Role.ADMIN));
        oidc.approverGroup().filter(groups::contains).ifPresent(g -> roles.add(Role.APPROVER));
        oidc.operatorGroup().filter(groups::contains).ifPresent(g -> roles.add(Role.OPERATOR));
        oidc.auditorGroup().filter(groups::contains).ifPresent(g -> roles.add(Role.AUDITOR));
        return roles.stream().filter(Role.ALL::contains).distinct().toList();
    }

    static List<String> groups(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(g -> out.add(unquote(g.toString())));
        } else if (claim instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> out.add(unquote(v.toString())));
        } else if (claim != null) {
            out.add(unquote(claim.toString()));
        }
        // The IdP's groups become Kubernetes groups (under the prefix): system groups and look-alikes are dropped.
        return out.stream().filter(GroupNames::acceptable).distinct().limit(64).toList();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    @GET
    @Path("/me")
    public Dtos.User me() {
        return user(current.get());
    }

    static Dtos.User user(WebUser u) {
        return new Dtos.User(u.username(), u.displayName(), u.kubernetes().user(), u.kubernetes().groups(), u.roles(), u.csrfToken());
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(sessions.cookieName()).value(value).path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
