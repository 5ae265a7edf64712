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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
        return conversations.sessions(user).stream().map(s -> conversations.view(s, history.recordedCount(s))).toList();
    }

    @POST
    public Response create(Dtos.SessionRequest body) {
        WebUser user = current.get();
        ChatSession s = conversations.createSession(user, body == null ? null : body.title(), body == null ? null : body.namespace());
        return Response.status(201).entity(conversations.view(s, 0)).build();
    }

    @GET
    @Path("/{id}")
    public Dtos.Session get(@PathParam("id") String id) {
        ChatSession s = conversations.session(current.get(), id);
        return conversations.view(s, history.count(s));
    }

    @PATCH
    @Path("/{id}")
    public Dtos.Session update(@PathParam("id") String id, Dtos.SessionRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a body with title or namespace is required");
        }
        ChatSession s = conversations.updateSession(current.get(), id, body.title(), body.namespace());
        return conversations.view(s, history.count(s));
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
        CommandExecution ce = conversations.post(current.get(), id, body == null ? null : body.text());
        Dtos.Message message = CommandViews.userMessage(ce);
        hub.message(id, message);
        return Response.accepted(new Dtos.Posted(message, CommandViews.command(ce))).build();
    }
}
