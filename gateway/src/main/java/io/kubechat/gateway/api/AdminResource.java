package io.kubechat.gateway.api;

import io.kubechat.crds.v1alpha1.ExecutionPolicy;
import io.kubechat.gateway.auth.Account;
import io.kubechat.gateway.auth.AccountStore;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.GroupNames;
import io.kubechat.gateway.auth.IdentityMapper;
import io.kubechat.gateway.auth.PasswordHasher;
import io.kubechat.gateway.auth.Role;
import io.kubechat.gateway.auth.SessionStore;
import io.kubechat.gateway.kube.KubeAccess;
import io.kubechat.gateway.web.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts and policies, for the admin role only. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    @Inject
    CurrentUser current;
    @Inject
    AccountStore accounts;
    @Inject
    SessionStore sessions;
    @Inject
    PasswordHasher hasher;
    @Inject
    IdentityMapper mapper;
    @Inject
    KubeAccess kube;

    @GET
    @Path("/users")
    public List<Dtos.AccountView> users() {
        admin();
        return accounts.list().stream().map(this::view).toList();
    }

    @POST
    @Path("/users")
    public Response create(Dtos.UserRequest body) {
        admin();
        if (body == null || body.username() == null) {
            throw ApiException.badRequest("username is required");
        }
        String username = body.username().strip().toLowerCase(Locale.ROOT);
        if (!AccountStore.USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("username must be lower-case letters, digits, '.', '_', '@' or '-' (at most 100)");
        }
        if (body.password() == null) {
            throw ApiException.badRequest("password is required for a local account");
        }
        List<String> roles = roles(body.roles() == null ? List.of(Role.VIEWER) : body.roles());
        List<String> groups = groups(body.groups());
        if (accounts.usernameHeldBySubject(username)) {
            // The name (and so the Kubernetes user) stays with the IdP identity it was first given to.
            throw new ApiException(409, "UserExists", "the user name " + username + " belongs to an identity of the OIDC provider");
        }
        if (!accounts.create(username, displayName(body, username), hasher.hash(body.password().toCharArray()), roles, groups, "local")) {
            throw new ApiException(409, "UserExists", "a user named " + username + " exists");
        }
        return Response.status(201).entity(view(accounts.find(username).orElseThrow())).build();
    }

    @PATCH
    @Path("/users/{username}")
    public Dtos.AccountView update(@PathParam("username") String username, Dtos.UserRequest body) {
        admin();
        if (body == null) {
            throw ApiException.badRequest("a body is required");
        }
        String hash = body.password() == null ? null : hasher.hash(body.password().toCharArray());
        if (!accounts.update(username, body.displayName(), hash, body.roles() == null ? null : roles(body.roles()),
                body.groups() == null ? null : groups(body.groups()))) {
            throw ApiException.notFound("user " + username);
        }
        // New roles, groups or password take effect at once: existing sign-ins end.
        sessions.closeAll(username);
        return view(accounts.find(username).orElseThrow());
    }

    @DELETE
    @Path("/users/{username}")
    public Response delete(@PathParam("username") String username) {
        if (admin().username().equals(username)) {
            throw new ApiException(409, "CannotDeleteSelf", "administrators cannot delete their own account");
        }
        if (!accounts.delete(username)) {
            throw ApiException.notFound("user " + username);
        }
        // Deleting the account deleted its sessions; its open streams end with them (StreamHub checks them).
        return Response.noContent().build();
    }

    @GET
    @Path("/policies")
    public List<ExecutionPolicy> policies() {
        admin();
        return kube.gateway().resources(ExecutionPolicy.class).inAnyNamespace().list().getItems();
    }

    private io.kubechat.gateway.auth.WebUser admin() {
        return current.require(Role.ADMIN, "NotAnAdmin");
    }

    private static String displayName(Dtos.UserRequest body, String username) {
        return body.displayName() == null || body.displayName().isBlank() ? username : body.displayName().strip();
    }

    private static List<String> roles(List<String> roles) {
        for (String r : roles) {
            if (!Role.ALL.contains(r)) {
                throw ApiException.badRequest("unknown role " + r + "; roles are " + Role.ALL);
            }
        }
        return roles.stream().distinct().toList();
    }

    private static List<String> groups(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        if (groups.size() > 64) {
            throw ApiException.badRequest("at most 64 groups");
        }
        // Each becomes the Kubernetes group kubechat:<group>; system groups and their look-alikes never.
        for (String g : groups) {
            GroupNames.problem(g).ifPresent(p -> {
                throw ApiException.badRequest(p);
            });
        }
        return groups.stream().distinct().toList();
    }

    private Dtos.AccountView view(Account a) {
        return new Dtos.AccountView(a.username(), a.displayName(), a.roles(), a.groups(), a.source(),
                mapper.map(a.username(), a.groups()).user(), a.createdAt().toString());
    }
}
