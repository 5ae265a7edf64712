package io.kubechat.gateway.kube;

import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.api.Dtos;
import io.kubechat.gateway.auth.WebUser;
import jakarta.enterprise.context.ApplicationScoped;

/** A command as one web user may see it: everything about it, and its result only if {@link ResultAccess} says so. */
@ApplicationScoped
public class CommandReader {

    private final ResultAccess results;

    public CommandReader(ResultAccess results) {
        this.results = results;
    }

    public Dtos.Command view(WebUser reader, CommandExecution ce) {
        boolean hasResult = ce.getStatus() != null && ce.getStatus().result() != null;
        return CommandViews.command(ce, hasResult && results.mayRead(reader, ce));
    }
}
