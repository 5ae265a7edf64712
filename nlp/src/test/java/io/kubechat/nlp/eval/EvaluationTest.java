package io.kubechat.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.resolve.KnownObjects;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final KnownObjects OBJECTS = objects("""
            -\tnamespace\tshop
            shop\tdeployment\tcheckout
            shop\tcronjob\tnightly
            -\tnode\tworker-1
            """);

    private static KnownObjects objects(String tsv) {
        try {
            return KnownObjects.read(KindLexicon.builtIn(), new StringReader(tsv));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void kubectlLinesCompareFlagsAsASetAndPositionalArgumentsInOrder() {
        assertThat(KubectlLine.parse("kubectl get pods -n shop -o yaml"))
                .isEqualTo(KubectlLine.parse("kubectl get pods -o yaml --namespace=shop"));
        assertThat(KubectlLine.parse("kubectl logs deployment/checkout --tail=20 -n shop"))
                .isEqualTo(KubectlLine.parse("kubectl logs deployment/checkout -n shop --tail 20"));
        assertThat(KubectlLine.parse("kubectl get pods -A")).isEqualTo(KubectlLine.parse("kubectl get pods --all-namespaces"));
        assertThat(KubectlLine.parse("kubectl label pod a b=c")).isNotEqualTo(KubectlLine.parse("kubectl label pod b=c a"));
        assertThat(KubectlLine.parse("kubectl get pods -n shop")).isNotEqualTo(KubectlLine.parse("kubectl get pods -n web"));
        assertThat(KubectlLine.parse("kubectl patch cronjob x --type=merge -p '{\"a\": 1}'").flags())
                .contains("--patch={\"a\": 1}");
    }

    @Test
    void familiesNameTheOperationAndQuestionRowsExpectNoCommand() throws IOException {
        List<CorpusEntry> entries = Corpus.read(new StringReader("""
                ## family scale-dev-3: four pods for checkout
                @namespace shop
                checkout needs four pods => kubectl scale deployment checkout --replicas=4 | caution
                ## family rollout-restart-dev-1: restart
                bounce it => ? | -
                """));
        assertThat(entries).extracting(CorpusEntry::operation).containsExactly("scale", "rollout-restart");
        assertThat(entries).extracting(CorpusEntry::family).containsExactly("scale-dev-3", "rollout-restart-dev-1");
        assertThat(entries.get(0).namespace()).isEqualTo("shop");
        assertThat(entries.get(1).mustAsk()).isTrue();
        assertThatThrownBy(() -> Corpus.read(new StringReader("x => ? | safe\n"))).isInstanceOf(IOException.class);
    }

    @Test
    void aNameThatIsNotAnObjectAndNotCreatedIsInvented() {
        ResourceType pod = new ResourceType("Pod", "v1");
        ResourceType deployment = new ResourceType("Deployment", "apps/v1");
        assertThat(Evaluation.invented(new Command(Verb.DELETE, pod, "oldest", "shop", null, null, null, null), "default",
                OBJECTS)).containsExactly("pod/oldest");
        assertThat(Evaluation.invented(new Command(Verb.GET, deployment, "checkout", null, null, null, null, null), "shop",
                OBJECTS)).isEmpty();
        assertThat(Evaluation.invented(new Command(Verb.GET, deployment, "checkout", "shopp", null, null, null, null),
                "default", OBJECTS)).containsExactly("namespace/shopp", "deployment/checkout");
        assertThat(Evaluation.invented(new Command(Verb.CREATE, deployment, "new-app", "shop", null, null, null, null),
                "default", OBJECTS)).isEmpty();
        assertThat(Evaluation.invented(new Command(Verb.CORDON, new ResourceType("Node", "v1"), "worker-1", null, null,
                null, null, null), "default", OBJECTS)).isEmpty();
    }

    @Test
    void aQuestionRowIsMetByNoCommandAndACommandRowByTheSameLine() throws IOException {
        List<CorpusEntry> entries = Corpus.read(new StringReader("""
                @namespace shop
                frobnicate the wibble => ? | -
                show the pods => kubectl get pods | safe
                """));
        Evaluation evaluation = Evaluation.run(new EmbeddedTranslator(OBJECTS), entries, OBJECTS);
        assertThat(evaluation.exactRate()).isEqualTo(1.0);
        assertThat(evaluation.riskRate()).isEqualTo(1.0);
        assertThat(evaluation.noCommandRate()).isEqualTo(0.5);
        assertThat(evaluation.inventedNames()).isZero();
    }
}
