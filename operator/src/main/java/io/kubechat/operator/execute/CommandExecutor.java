package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.operator.access.ResourceKind;
import java.util.Locale;

/**
 * Runs a structured command through the Kubernetes API with a client that acts as the requester.
 * Never a shell, never kubectl: each verb is the API calls kubectl would make.
 */
public final class CommandExecutor {

    private final TableReader tables;

    public CommandExecutor(TableReader tables) {
        this.tables = tables;
    }

    /**
     * @param asRequester a client impersonating the requester (see {@link RequesterClients})
     * @param kind        the resolved kind of the command's resource
     * @param namespace   the effective namespace; null for all namespaces or cluster-scoped kinds
     * @throws UnsupportedVerbException when this operator cannot run the verb yet
     */
    public CommandResult execute(KubernetesClient asRequester, Command command, ResourceKind kind, String namespace) {
        return switch (command.verb()) {
            case GET -> tables.read(asRequester, kind, namespace, command.name(), command.selector(), isWide(command));
            case SCALE -> scale(asRequester, command, kind, namespace);
            case DELETE -> delete(asRequester, command, kind, namespace);
            default -> throw new UnsupportedVerbException(command.verb());
        };
    }

    private static CommandResult scale(KubernetesClient client, Command command, ResourceKind kind, String namespace) {
        int replicas = command.arguments().replicas();
        requireName(command);
        resource(client, kind, namespace, command.name()).subresource("scale")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        return summary(qualified(kind, command.name()) + " scaled to " + replicas);
    }

    private static CommandResult delete(KubernetesClient client, Command command, ResourceKind kind, String namespace) {
        requireName(command);
        var deleted = resource(client, kind, namespace, command.name()).delete();
        return summary(qualified(kind, command.name()) + (deleted.isEmpty() ? " was already gone" : " deleted"));
    }

    private static Resource<GenericKubernetesResource> resource(KubernetesClient client, ResourceKind kind, String namespace, String name) {
        var context = new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
                .withNamespaced(kind.namespaced()).build();
        var resources = client.genericKubernetesResources(context);
        return kind.namespaced() ? resources.inNamespace(namespace).withName(name) : resources.withName(name);
    }

    private static void requireName(Command command) {
        if (command.name() == null) {
            throw new UnsupportedVerbException(command.verb(), "by selector");
        }
    }

    private static boolean isWide(Command command) {
        return command.arguments() != null && "wide".equals(command.arguments().output());
    }

    /** As kubectl names an object in its messages, for example deployment.apps/checkout. */
    static String qualified(ResourceKind kind, String name) {
        String type = kind.kind().toLowerCase(Locale.ROOT);
        return (kind.group().isEmpty() ? type : type + "." + kind.group()) + "/" + name;
    }

    private static CommandResult summary(String line) {
        return new CommandResult(line, null, null, null, false, null);
    }
}
