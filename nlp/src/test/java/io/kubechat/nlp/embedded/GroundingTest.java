package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.resolve.KnownObjects;
import io.kubechat.nlp.resolve.NameResolver;
import java.util.List;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Names grounded in the objects of the evaluation corpus's cluster (eval/objects.tsv), and by shape without them. */
class GroundingTest {

    private static final KnownObjects OBJECTS = objects();
    private static final EmbeddedTranslator GROUNDED = new EmbeddedTranslator(OBJECTS);
    private static final EmbeddedTranslator UNGROUNDED = new EmbeddedTranslator();

    private static KnownObjects objects() {
        try (Reader in = new InputStreamReader(GroundingTest.class.getResourceAsStream("/eval/objects.tsv"),
                StandardCharsets.UTF_8)) {
            return KnownObjects.read(KindLexicon.builtIn(), in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TranslationResult grounded(String text, String namespace) {
        return GROUNDED.translate(new TranslationRequest(text, namespace, null));
    }

    @Test
    void aBareNameIsTheWorkloadInTheOnlyNamespaceWhereItIsAndTheExplanationSaysSo() {
        TranslationResult logs = grounded("show logs of checkout", "default");
        assertThat(logs.translation().kubectl()).isEqualTo("kubectl logs deployment/checkout -n shop");
        assertThat(logs.translation().explanation()).contains("namespace shop");
        assertThat(grounded("describe checkout", "shop").translation().kubectl())
                .isEqualTo("kubectl describe deployment checkout");
        assertThat(grounded("restart redis", "default").translation().kubectl())
                .isEqualTo("kubectl rollout restart statefulset redis -n shop");
    }

    @Test
    void aSmallTypoInANameIsCorrectedAgainstTheRealNames() {
        assertThat(grounded("status of the chekout deployment?", "default").translation().kubectl())
                .isEqualTo("kubectl get deployment checkout -n shop");
        assertThat(grounded("describe node wroker-3", "default").translation().kubectl())
                .isEqualTo("kubectl describe node worker-3");
    }

    @Test
    void aCorrectedNameNeverGivesADestructiveCommandButAChoice() {
        TranslationResult result = grounded("delete deployment chekout in shop", "default");
        assertThat(result.understood()).isFalse();
        assertThat(result.clarification().choices()).extracting(Clarification.Choice::kubectl)
                .containsExactly("kubectl delete deployment checkout -n shop");
    }

    @Test
    void aWordThatNamesNoObjectIsAskedAboutNeverUsed() {
        TranslationResult result = grounded("delete pod in shop that is oldest", "default");
        assertThat(result.understood()).isFalse();
        assertThat(result.translation().kubectl()).isNull();
        TranslationResult unknown = grounded("restart deployment nosuchapp", "shop");
        assertThat(unknown.understood()).isFalse();
        assertThat(unknown.clarification()).isNotNull();
        assertThat(unknown.clarification().question()).contains("nosuchapp");
    }

    @Test
    void aNameInSeveralNamespacesAsksWithOneChoicePerNamespace() {
        TranslationResult result = grounded("restart frontend", "default");
        assertThat(result.understood()).isFalse();
        assertThat(result.clarification().choices()).extracting(Clarification.Choice::kubectl).containsExactlyInAnyOrder(
                "kubectl rollout restart deployment frontend -n shop",
                "kubectl rollout restart deployment frontend -n staging");
        assertThat(result.clarification().choices()).allSatisfy(c -> assertThat(c.command().name()).isEqualTo("frontend"));
        assertThat(grounded("restart frontend", "staging").translation().kubectl())
                .isEqualTo("kubectl rollout restart deployment frontend");
    }

    @Test
    void deletingANameThatSeveralKindsShareAsksWhichKind() {
        TranslationResult result = grounded("delete checkout", "shop");
        assertThat(result.understood()).isFalse();
        assertThat(result.clarification().choices()).extracting(Clarification.Choice::kubectl)
                .contains("kubectl delete deployment checkout", "kubectl delete service checkout");
    }

    @Test
    void aNamespaceNameWhereTheObjectGoesIsTheNamespace() {
        assertThat(grounded("what services does payments have", "default").translation().kubectl())
                .isEqualTo("kubectl get services -n payments");
        TranslationResult unknown = grounded("list pods in production", "default");
        assertThat(unknown.understood()).isFalse();
    }

    @Test
    void withoutObjectsOnlyAWordWhereANameGoesIsAName() {
        TranslationResult oldest = UNGROUNDED.translate(new TranslationRequest("delete pod in shop that is oldest", "default", null));
        assertThat(oldest.understood()).isFalse();
        assertThat(UNGROUNDED.translate(TranslationRequest.of("lst pods in shop")).translation().kubectl())
                .isEqualTo("kubectl get pods -n shop");
        assertThat(UNGROUNDED.translate(TranslationRequest.of("delete pod web-1")).translation().kubectl())
                .isEqualTo("kubectl delete pod web-1");
        TranslationResult named = UNGROUNDED.translate(TranslationRequest.of("delete the pod named web"));
        assertThat(named.translation().kubectl()).isEqualTo("kubectl delete pod web");
        assertThat(named.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
    }

    /** As the demo's alice: the namespace payments is listed, nothing in it may be. */
    private static final NameResolver OUTSIDE_PAYMENTS = new NameResolver() {
        @Override
        public List<ObjectRef> visible(List<KindInfo> kinds, String namespace) {
            return OBJECTS.visible(kinds, namespace).stream()
                    .filter(o -> o.kind().is("Namespace") || !"payments".equals(o.namespace())).toList();
        }

        @Override
        public boolean mayList(KindInfo kind, String namespace) {
            return !"payments".equals(namespace);
        }
    };

    @Test
    void aNameInFullWhereTheRequesterMayNotListIsLeftToTheApiServerNeverGuessedAtOrRefuted() {
        EmbeddedTranslator translator = new EmbeddedTranslator(OUTSIDE_PAYMENTS);
        TranslationResult scale = translator.translate(new TranslationRequest("scale statefulset ledger-db in payments to 2", "shop", null));
        assertThat(scale.understood()).isTrue();
        assertThat(scale.translation().kubectl()).isEqualTo("kubectl scale statefulset ledger-db -n payments --replicas=2");
        // without its kind the name is a guess, so it is still asked about
        TranslationResult bare = translator.translate(new TranslationRequest("restart ledger-db in payments", "shop", null));
        assertThat(bare.understood()).isFalse();
        // and where the requester may list, a name nothing has is still asked about
        assertThat(translator.translate(new TranslationRequest("scale statefulset nosuch in shop to 2", "shop", null)).understood())
                .isFalse();
    }

    @Test
    void itMeansTheOneObjectTheSentenceNamesBeforeAnyEarlierCommand() {
        assertThat(grounded("redis: restart it", "default").translation().kubectl())
                .isEqualTo("kubectl rollout restart statefulset redis -n shop");
        assertThat(grounded("kill the pod cart-5c6d7e8f9-abcde, it's stuck", "shop").translation().kubectl())
                .isEqualTo("kubectl delete pod cart-5c6d7e8f9-abcde");
        // a word that names no object is never what "it" means
        assertThat(grounded("nightly: restart it", "default").understood()).isFalse();
    }

    @Test
    void wordsThatOnlyColourAGroundedRequestAreIgnoredWordsThatCouldChangeItAreNot() {
        assertThat(grounded("checkout is acting weird, can you restart it", "shop").translation().kubectl())
                .isEqualTo("kubectl rollout restart deployment checkout");
        assertThat(grounded("restart checkout, it is acting weird", "shop").translation().kubectl())
                .isEqualTo("kubectl rollout restart deployment checkout");
        // another visible name, a qualifier, a second verb or a number: the request was not understood
        assertThat(grounded("restart checkout cart", "shop").understood()).isFalse();
        assertThat(grounded("get rid of the checkout-canary deployment but keep cart", "shop").understood()).isFalse();
        assertThat(grounded("drain worker-3, ignore daemon sets, delete local emptydir data", "default").translation().kubectl())
                .isNull();
        assertThat(grounded("throw away the web-config config map", "shop").translation().kubectl()).isNull();
    }

    @Test
    void growingOrShrinkingAWorkloadToANumberIsAScale() {
        assertThat(grounded("bump web to six", "default").translation().kubectl()).isEqualTo("kubectl scale deployment web -n shop --replicas=6");
        assertThat(grounded("reduce payments-api to a single pod", "payments").translation().kubectl())
                .isEqualTo("kubectl scale deployment payments-api --replicas=1");
        // an image, a log or a resource grown or cut is not a replica count
        assertThat(grounded("bump checkout to shop/checkout:2.5", "shop").translation().command()).satisfiesAnyOf(
                c -> assertThat(c).isNull(), c -> assertThat(c.verb()).isNotEqualTo(io.kubechat.crds.v1alpha1.Verb.SCALE));
        assertThat(grounded("cut the log lines of web to 20", "default").translation().command()).satisfiesAnyOf(
                c -> assertThat(c).isNull(), c -> assertThat(c.verb()).isNotEqualTo(io.kubechat.crds.v1alpha1.Verb.SCALE));
    }

    @Test
    void aNumberOfReplicasWithNoVerbIsAScaleAQuestionAboutThemIsARead() {
        assertThat(grounded("api, five replicas", "shop").translation().kubectl()).isEqualTo("kubectl scale deployment api --replicas=5");
        assertThat(grounded("cart replicas = 5", "shop").translation().kubectl()).isEqualTo("kubectl scale deployment cart --replicas=5");
        assertThat(grounded("how many replicas does checkout have", "shop").translation().kubectl())
                .isEqualTo("kubectl get deployment checkout");
    }

    @Test
    void theOperationsThatHadNoCommandAreReadFromWordsAndKubectlLines() {
        assertThat(grounded("add LOG_LEVEL=debug to checkout's environment", "default").translation().kubectl())
                .isEqualTo("kubectl set env deployment checkout LOG_LEVEL=debug -n shop");
        assertThat(grounded("limit api to 500m cpu and 256Mi memory", "default").translation().kubectl())
                .isEqualTo("kubectl set resources deployment api -n shop --limits=cpu=500m,memory=256Mi");
        assertThat(grounded("run api under the checkout service account", "default").translation().kubectl())
                .isEqualTo("kubectl set serviceaccount deployment api checkout -n shop");
        assertThat(grounded("create a cronjob ping with image busybox every 5 minutes", "default").translation().kubectl())
                .isEqualTo("kubectl create cronjob ping --image=busybox --schedule='*/5 * * * *'");
        assertThat(grounded("give bob view access in payments", "default").translation().kubectl())
                .isEqualTo("kubectl create rolebinding bob-view -n payments --clusterrole=view --user=bob");
        assertThat(grounded("give bob view access in payments", "default").risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(grounded("k create clusterrolebinding ops --clusterrole=admin --group=ops", "default").translation().kubectl())
                .isEqualTo("kubectl create clusterrolebinding ops --clusterrole=admin --group=ops");
        assertThat(grounded("list the chat sessions", "default").translation().kubectl())
                .isEqualTo("kubectl get chatsessions -n kubechat-sessions");
    }

    @Test
    void aQuestionAboutWhyIsADiagnosisOfTheObjectTheRequesterCanSee() {
        TranslationResult why = grounded("why is checkout crashing?", "default");
        assertThat(why.translation().kubectl()).isEqualTo("kubectl kubechat diagnose deployment/checkout -n shop");
        assertThat(why.risk().level()).isEqualTo(RiskLevel.SAFE);
        assertThat(grounded("why are the payments-api pods not coming up", "default").translation().kubectl())
                .isEqualTo("kubectl kubechat diagnose deployment/payments-api -n payments");
        assertThat(grounded("kubectl kubechat diagnose node/worker-1", "default").translation().kubectl())
                .isEqualTo("kubectl kubechat diagnose node/worker-1");
    }

    @Test
    void podsAndNodesAreWhereAWorkloadRunsNotWhatARolloutActsOn() {
        assertThat(grounded("roll the web pods", "default").translation().kubectl())
                .isEqualTo("kubectl rollout restart deployment web -n shop");
        assertThat(grounded("api has too many pods, scale it to 2", "default").translation().kubectl())
                .isEqualTo("kubectl scale deployment api -n shop --replicas=2");
    }

    @Test
    void aWorkloadStoppedPlainlyIsScaledToZeroAndHeldAsDestructive() {
        TranslationResult off = grounded("switch off checkout", "default");
        assertThat(off.translation().kubectl()).isEqualTo("kubectl scale deployment checkout -n shop --replicas=0");
        assertThat(off.risk().level()).isEqualTo(RiskLevel.DESTRUCTIVE);
        assertThat(grounded("stop checkout", "default").understood()).as("a bare stop is not plain enough").isFalse();
    }

    @Test
    void aWriteVerbWithATypoIsOfferedAsTheOneChoiceNeverRun() {
        TranslationResult result = grounded("scael checkout to 3", "default");
        assertThat(result.understood()).isFalse();
        assertThat(result.clarification().question()).contains("\"scale\"");
        assertThat(result.clarification().choices()).extracting(Clarification.Choice::kubectl)
                .containsExactly("kubectl scale deployment checkout -n shop --replicas=3");
    }
}
