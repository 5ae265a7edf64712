package io.kubechat.operator.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.Translation;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.Explainer;
import io.kubechat.nlp.render.KubectlRenderer;
import io.kubechat.nlp.risk.RiskClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a CommandExecution's spec into a translation and a risk rating: a structured command as
 * given, or the request's words through the configured translator, whose name lookups run with the
 * requester's own rights. The rating always comes from the structured command, never from a model.
 */
public final class CommandTranslation {

    static final String USER_ENGINE = "user";
    private static final Set<String> SECRET_NAMES = Set.of("secret", "secrets");

    private final KubectlRenderer renderer;
    private final Explainer explainer;
    private final RiskClassifier classifier = new RiskClassifier();
    private final RequestTranslators translators;

    public CommandTranslation(RequestTranslators translators) {
        this.translators = translators;
        KindLexicon kinds = KindLexicon.builtIn();
        this.renderer = new KubectlRenderer(kinds);
        this.explainer = new Explainer(kinds);
    }

    /**
     * @param asRequester the requester's impersonated client, for resolving names they can see
     * @param asOperator the operator's client on that cluster, for the namespaces to look in
     * @param defaultNamespace the session's namespace, else the CommandExecution's
     */
    public TranslationResult translate(CommandExecutionSpec spec, KubernetesClient asRequester, KubernetesClient asOperator,
            String defaultNamespace) {
        if (spec.command() != null) {
            return given(spec.command(), defaultNamespace);
        }
        TranslationResult result = translators.forRequester(asRequester, asOperator).translate(TranslationRequest.of(spec.request(), defaultNamespace));
        if (!result.understood()) {
            return result.clarification() == null ? result : asked(result);
        }
        // Rated again here from the structure alone, whatever the translator reported.
        Command command = withoutSecretValues(result.command());
        Translation t = result.translation();
        return new TranslationResult(new Translation(command, renderer.render(command), t.explanation(), t.engine(), t.confidence(),
                t.suggestions()), classifier.classify(command, defaultNamespace), result.notes(), null);
    }

    /** The same translation for a rewritten command: rendered, explained and rated again, its engine and confidence kept. */
    public TranslationResult withCommand(TranslationResult result, Command command, String defaultNamespace) {
        Command shown = withoutSecretValues(command);
        Translation t = result.translation();
        return new TranslationResult(new Translation(shown, renderer.render(shown), explainer.explain(shown, defaultNamespace), t.engine(),
                t.confidence(), t.suggestions()), classifier.classify(command, defaultNamespace), result.notes(), null);
    }

    /**
     * A command as the user wrote it, or as the operator rewrote it with the canonical kind: rated,
     * rendered and explained from its structure, Secret values removed.
     */
    public TranslationResult given(Command command, String defaultNamespace) {
        Command shown = withoutSecretValues(command);
        Translation translation = new Translation(shown, renderer.render(shown), explainer.explain(shown, defaultNamespace),
                USER_ENGINE, 1.0, null);
        return new TranslationResult(translation, classifier.classify(command, defaultNamespace), List.of(), null);
    }

    /** A question with its choices shown as any command is: Secret values removed, the kubectl line rendered from what is left. */
    private TranslationResult asked(TranslationResult result) {
        Translation t = result.translation();
        Translation shown = new Translation(null, null, null, t.engine(), t.confidence(), t.suggestions(),
                withoutSecretValues(t.clarification(), renderer));
        return new TranslationResult(shown, null, result.notes(), result.error());
    }

    /** A choice without a structured command has nothing to render from, so it is not offered. */
    static Clarification withoutSecretValues(Clarification clarification, KubectlRenderer renderer) {
        List<Clarification.Choice> choices = clarification.choices().stream()
                .filter(choice -> choice.command() != null)
                .map(choice -> {
                    Command shown = withoutSecretValues(choice.command());
                    return new Clarification.Choice(renderer.render(shown), shown);
                })
                .toList();
        return new Clarification(clarification.question(), choices);
    }

    /**
     * Values of a Secret never go into status, events or the ledger: literal data keeps its keys only,
     * a Secret manifest loses its data and stringData values, and a Secret patch is not shown at all.
     */
    static Command withoutSecretValues(Command command) {
        boolean secret = command.resource() != null && SECRET_NAMES.contains(command.resource().kind().toLowerCase(Locale.ROOT))
                || command.manifest() instanceof Map<?, ?> manifest && manifest.get("kind") instanceof String kind
                        && SECRET_NAMES.contains(kind.toLowerCase(Locale.ROOT));
        if (!secret) {
            return command;
        }
        ObjectNode tree = Serialization.jsonMapper().valueToTree(command);
        if (tree.path("arguments").isObject()) {
            hideValues((ObjectNode) tree.get("arguments"), "data");
            // A patch of a Secret is all values: none of it is shown.
            if (tree.get("arguments").has("patch")) {
                ((ObjectNode) tree.get("arguments")).put("patch", KubectlRenderer.REDACTED);
            }
        }
        if (tree.path("manifest").isObject()) {
            hideValues((ObjectNode) tree.get("manifest"), "data");
            hideValues((ObjectNode) tree.get("manifest"), "stringData");
        }
        return Serialization.jsonMapper().convertValue(tree, Command.class);
    }

    private static void hideValues(ObjectNode parent, String field) {
        if (parent != null && parent.path(field).isObject()) {
            ObjectNode hidden = Serialization.jsonMapper().createObjectNode();
            parent.get(field).fieldNames().forEachRemaining(key -> hidden.put(key, KubectlRenderer.REDACTED));
            parent.set(field, hidden);
        }
    }
}
