package io.kubechat.gateway.api;

import io.kubechat.crds.v1alpha1.ChatSession;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.auth.CurrentUser;
import io.kubechat.gateway.auth.WebUser;
import io.kubechat.gateway.kube.CommandViews;
import io.kubechat.gateway.kube.Conversations;
import io.kubechat.gateway.kube.MessageHistory;
import io.kubechat.gateway.stream.StreamHub;
import io.kubechat.gateway.web.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {

    @Inject
    CurrentUser current;
    @Inject
    Conversations conversations;
    @Inject
    MessageHistory history;
    @Inject
    StreamHub hub;

    @GET
    public List<Dtos.Session> list() {
        WebUser user = current.get();
        return conversations.sessions(user).stream().map(s -> conversations.view(user, s, history.recordedCount(s))).toList();
    }

    @POST
    public Response create(Dtos.SessionRequest body) {
        WebUser user = current.get();
        ChatSession s = conversations.createSession(user, body == null ? null : body.title(), body == null ? null : body.namespace());
        return Response.status(201).entity(conversations.view(user, s, 0)).build();
    }

    @GET
    @Path("/{id}")
    public Dtos.Session get(@PathParam("id") String id) {
        WebUser user = current.get();
        ChatSession s = conversations.session(user, id);
        return conversations.view(user, s, history.count(s));
    }

    @PATCH
    @Path("/{id}")
    public Dtos.Session update(@PathParam("id") String id, Dtos.SessionRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a body with title or namespace is required");
        }
        WebUser user = current.get();
        ChatSession s = conversations.updateSession(user, id, body.title(), body.namespace());
        return conversations.view(user, s, history.count(s));
    }

    @PUT
    @Path("/{id}/sharing")
    @Operation(summary = "Share the session: replaces the list of users who may read it and post in it besides its owner",
            description = "Only the owner may change it (403 NotSessionOwner otherwise). Names are KubeChat user names; "
                    + "an empty list stops sharing. Those it is shared with see it in their session list with access "
                    + "\"shared\", read its messages and commands and follow its stream; they may post requests only "
                    + "if their role allows (operator or admin), and each request runs as themselves, with their own "
                    + "Kubernetes rights. They cannot rename, delete or share it, and approving is unchanged. Removing "
                    + "a user closes their open streams of the session.")
    public Dtos.Session share(@PathParam("id") String id, Dtos.SharingRequest body) {
        WebUser user = current.get();
        ChatSession s = conversations.shareSession(user, id, body == null ? null : body.sharedWith());
        return conversations.view(user, s, history.count(s));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        conversations.deleteSession(current.get(), id);
        history.delete(conversations.namespace(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/messages")
    public List<Dtos.Message> messages(@PathParam("id") String id) {
        ChatSession s = conversations.session(current.get(), id);
        return history.list(s);
    }

    @POST
    @Path("/{id}/messages")
    public Response post(@PathParam("id") String id, Dtos.MessageRequest body) {
        CommandExecution ce = conversations.post(current.get(), id, body == null ? null : body.text(), body == null ? null : body.answers());
        Dtos.Message message = CommandViews.userMessage(ce);
        hub.message(id, message);
        return Response.accepted(new Dtos.Posted(message, CommandViews.command(ce))).build();
    }
}
