package io.kubechat.operator.command;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.nlp.Translator;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.nlp.llm.LlmSettings;
import io.kubechat.nlp.llm.LlmTranslator;
import io.kubechat.nlp.resolve.ClusterNameResolver;
import io.kubechat.operator.metrics.ExecutionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The translator for one request, as configured by the KUBECHAT_LLM_* settings: the embedded
 * translator, resolving names with the requester's rights; or a language model, its prompt and
 * reply grounded in the same names, with that embedded translator as its fallback. Nothing outside
 * the cluster is called unless a provider is configured.
 */
@ApplicationScoped
public class RequestTranslators {

    private static final Logger LOG = Logger.getLogger(RequestTranslators.class);

    private final LlmTranslator model;

    public RequestTranslators(Config config, ExecutionMetrics metrics) {
        LlmSettings settings = LlmSettings.from(name -> config.getOptionalValue(name, String.class).orElse(null));
        if (settings == null) {
            model = null;
            LOG.info("translating with the embedded translator only");
        } else {
            model = new LlmTranslator(settings, new EmbeddedTranslator(), List.of(metrics.languageModelCalls(settings.provider().engine())));
            LOG.infof("translating with %s, the embedded translator as fallback", settings);
        }
    }

    /**
     * @param asRequester the requester's impersonated client, for the names they can see
     * @param asOperator the operator's client on the same cluster, naming the namespaces to look in
     *     when the requester may not list namespaces (many users may not)
     */
    public Translator forRequester(KubernetesClient asRequester, KubernetesClient asOperator) {
        ClusterNameResolver visible = new ClusterNameResolver(asRequester, () -> namespaceNames(asOperator));
        EmbeddedTranslator embedded = new EmbeddedTranslator(visible);
        return model == null ? embedded : model.groundedIn(visible, embedded);
    }

    private static List<String> namespaceNames(KubernetesClient asOperator) {
        try {
            return asOperator.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot list namespaces to ground names: %s", e.getMessage());
            return List.of();
        }
    }
}
