package io.kubechat.gateway.api;

import io.kubechat.crds.v1alpha1.ApprovalDecision;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.CommandReader;
import io.kubechat.gateway.kube.Conversations;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "commands")
public class CommandResource {

    @Inject
    CurrentUser current;
    @Inject
    Conversations conversations;
    @Inject
    CommandReader reader;

    @GET
    public List<Dtos.Command> list(@QueryParam("phase") String phase, @QueryParam("session") String session) {
        WebUser user = current.get();
        return conversations.commands(user, phase, session == null || session.isBlank() ? null : session).stream()
                .map(c -> reader.view(user, c)).toList();
    }

    @GET
    @Path("/{namespace}/{name}")
    public Dtos.Command get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        WebUser user = current.get();
        return reader.view(user, conversations.command(user, namespace, name));
    }

    @POST
    @Path("/{namespace}/{name}/approve")
    public Dtos.Command approve(@PathParam("namespace") String namespace, @PathParam("name") String name, Dtos.DecisionRequest body) {
        WebUser user = current.get();
        return reader.view(user, conversations.decide(user, namespace, name, ApprovalDecision.APPROVED, body == null ? null : body.reason()));
    }

    @POST
    @Path("/{namespace}/{name}/reject")
    public Dtos.Command reject(@PathParam("namespace") String namespace, @PathParam("name") String name, Dtos.DecisionRequest body) {
        WebUser user = current.get();
        return reader.view(user, conversations.decide(user, namespace, name, ApprovalDecision.REJECTED, body == null ? null : body.reason()));
    }
}
