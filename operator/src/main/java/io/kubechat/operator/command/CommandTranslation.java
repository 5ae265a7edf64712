package io.kubechat.operator.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandExecutionSpec;
import io.kubechat.crds.v1alpha1.Translation;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.Explainer;
import io.kubechat.nlp.render.KubectlRenderer;
import io.kubechat.nlp.resolve.ClusterNameResolver;
import io.kubechat.nlp.risk.RiskClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a CommandExecution's spec into a translation and a risk rating: a structured command as
 * given, or the request's words through the embedded translator, whose name lookups run with the
 * requester's own rights. The rating always comes from the structured command.
 */
public final class CommandTranslation {

    static final String USER_ENGINE = "user";

    private final KubectlRenderer renderer;
    private final Explainer explainer;
    private final RiskClassifier classifier = new RiskClassifier();

    public CommandTranslation() {
        KindLexicon kinds = KindLexicon.builtIn();
        this.renderer = new KubectlRenderer(kinds);
        this.explainer = new Explainer(kinds);
    }

    /**
     * @param asRequester the requester's impersonated client, for resolving names they can see
     * @param defaultNamespace the session's namespace, else the CommandExecution's
     */
    public TranslationResult translate(CommandExecutionSpec spec, KubernetesClient asRequester, String defaultNamespace) {
        if (spec.command() != null) {
            Command command = spec.command();
            Translation translation = new Translation(command, renderer.render(command), explainer.explain(command, defaultNamespace),
                    USER_ENGINE, 1.0, null);
            return new TranslationResult(translation, classifier.classify(command, defaultNamespace), List.of(), null);
        }
        EmbeddedTranslator translator = new EmbeddedTranslator(new ClusterNameResolver(asRequester));
        TranslationResult result = translator.translate(TranslationRequest.of(spec.request(), defaultNamespace));
        if (!result.understood()) {
            return result;
        }
        // Rated again here from the structure alone, whatever the translator reported.
        return new TranslationResult(withoutSecretValues(result.translation()), classifier.classify(result.command(), defaultNamespace),
                result.notes(), null);
    }

    /** Values for a Secret never go into status: the structured command keeps the keys only. */
    private static Translation withoutSecretValues(Translation translation) {
        Command command = translation.command();
        if (command.resource() == null || !"Secret".equalsIgnoreCase(command.resource().kind())
                || command.arguments() == null || command.arguments().data() == null) {
            return translation;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        command.arguments().data().keySet().forEach(key -> hidden.put(key, KubectlRenderer.REDACTED));
        ObjectNode arguments = Serialization.jsonMapper().valueToTree(command.arguments());
        arguments.set("data", Serialization.jsonMapper().valueToTree(hidden));
        Command redacted = new Command(command.verb(), command.resource(), command.name(), command.namespace(), command.allNamespaces(),
                command.selector(), Serialization.jsonMapper().convertValue(arguments, CommandArguments.class), command.manifest());
        return new Translation(redacted, translation.kubectl(), translation.explanation(), translation.engine(), translation.confidence(),
                translation.suggestions());
    }
}
