package io.kubechat.nlp.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.ResourceType;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindLexicon;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubectlRendererTest {

    private final KubectlRenderer renderer = new KubectlRenderer(KindLexicon.builtIn());
    private static final ResourceType POD = new ResourceType("Pod", "v1");

    @Test
    void listsUseThePluralAndNamedObjectsTheSingular() {
        assertThat(renderer.render(new Command(Verb.GET, POD, null, "shop", null, null, null, null)))
                .isEqualTo("kubectl get pods -n shop");
        assertThat(renderer.render(new Command(Verb.GET, POD, "web", null, null, null, null, null)))
                .isEqualTo("kubectl get pod web");
    }

    @Test
    void flagsComeInAFixedOrder() {
        Command command = new Command(Verb.GET, POD, null, null, true, new Selector("app=web", "status.phase=Running"),
                new CommandArgumentsBuilder().output("wide").sortBy(".metadata.name").build(), null);
        assertThat(renderer.render(command)).isEqualTo(
                "kubectl get pods -A -l app=web --field-selector=status.phase=Running --sort-by=.metadata.name -o wide");
    }

    @Test
    void secretValuesAreNeverRendered() {
        Command command = new Command(Verb.CREATE, new ResourceType("Secret", "v1"), "db", null, null, null,
                new CommandArgumentsBuilder().data(Map.of("password", "hunter2")).build(), null);
        assertThat(renderer.render(command)).isEqualTo("kubectl create secret generic db --from-literal=password=***");
    }

    @Test
    void configMapValuesAreRendered() {
        Command command = new Command(Verb.CREATE, new ResourceType("ConfigMap", "v1"), "c", null, null, null,
                new CommandArgumentsBuilder().data(Map.of("b", "2", "a", "1")).build(), null);
        assertThat(renderer.render(command)).isEqualTo("kubectl create configmap c --from-literal=a=1 --from-literal=b=2");
    }

    @Test
    void verbsWithoutObjects() {
        assertThat(renderer.render(new Command(Verb.VERSION, null, null, null, null, null, null, null)))
                .isEqualTo("kubectl version");
        assertThat(renderer.render(new Command(Verb.API_RESOURCES, null, null, null, null, null, null, null)))
                .isEqualTo("kubectl api-resources");
    }

    @Test
    void setVerbsPutTheirValuesAfterTheObjectAndCreateVerbsTheirFlags() {
        ResourceType deployment = new ResourceType("Deployment", "apps/v1");
        assertThat(renderer.render(new Command(Verb.SET_ENV, deployment, "web", "shop", null, null,
                new CommandArgumentsBuilder().env(Map.of("B", "2", "A", "1")).removeEnv(List.of("C")).build(), null)))
                .isEqualTo("kubectl set env deployment web A=1 B=2 C- -n shop");
        assertThat(renderer.render(new Command(Verb.SET_RESOURCES, deployment, "api", "shop", null, null,
                new CommandArgumentsBuilder().container("api").requests(Map.of("cpu", "500m")).limits(Map.of("memory", "1Gi", "cpu", "1")).build(), null)))
                .isEqualTo("kubectl set resources deployment api -n shop -c api --requests=cpu=500m --limits=cpu=1,memory=1Gi");
        assertThat(renderer.render(new Command(Verb.SET_SERVICEACCOUNT, deployment, "api", "shop", null, null,
                new CommandArgumentsBuilder().serviceAccount("checkout").build(), null)))
                .isEqualTo("kubectl set serviceaccount deployment api checkout -n shop");
        assertThat(renderer.render(new Command(Verb.CREATE, new ResourceType("Service", "v1"), "demo", null, null, null,
                new CommandArgumentsBuilder().serviceType("NodePort").port(80).targetPort(8080).nodePort(30080).build(), null)))
                .isEqualTo("kubectl create service nodeport demo --tcp=80:8080 --node-port=30080");
        assertThat(renderer.render(new Command(Verb.CREATE, new ResourceType("CronJob", "batch/v1"), "ping", null, null, null,
                new CommandArgumentsBuilder().image("busybox").schedule("*/5 * * * *").build(), null)))
                .isEqualTo("kubectl create cronjob ping --image=busybox --schedule='*/5 * * * *'");
        assertThat(renderer.render(new Command(Verb.CREATE, new ResourceType("Role", null), "reader", "shop", null, null,
                new CommandArgumentsBuilder().roleVerbs(List.of("get", "list")).roleResources(List.of("pods")).build(), null)))
                .isEqualTo("kubectl create role reader -n shop --verb=get,list --resource=pods");
        assertThat(renderer.render(new Command(Verb.CREATE, new ResourceType("RoleBinding", null), "ci", "shop", null, null,
                new CommandArgumentsBuilder().clusterRole("edit").users(List.of("dave")).serviceAccounts(List.of("shop:ci")).build(), null)))
                .isEqualTo("kubectl create rolebinding ci -n shop --clusterrole=edit --user=dave --serviceaccount=shop:ci");
    }
}
