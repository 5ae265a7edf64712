package io.kubechat.operator.execute;

import static io.kubechat.testsupport.TestWorkloads.daemonSet;
import static io.kubechat.testsupport.TestWorkloads.deployment;
import static io.kubechat.testsupport.TestWorkloads.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.ResourceKind;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.WithLocalCluster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every verb run as the requester against the real API server, which enforces RBAC on each call;
 * kwok makes the pods run, so scale and rollouts have real effects to check.
 */
@WithLocalCluster
class CommandExecutorIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Identity ALICE = new Identity("alice", List.of(LocalCluster.TEST_USERS_GROUP));
    private static final Identity BOB = new Identity("bob", List.of(LocalCluster.TEST_USERS_GROUP));
    private static final Identity ADMIN = new Identity("kubechat-admin", List.of("system:masters"));

    private LocalCluster cluster;
    private KubernetesClient admin;
    private String namespace;
    private RequesterClients requesters;
    private KindResolver kinds;
    private final CommandExecutor executor = new CommandExecutor(ResultLimits.STATUS, 10, Clock.systemUTC());

    @BeforeEach
    void setUp(LocalCluster cluster) {
        this.cluster = cluster;
        admin = cluster.admin();
        namespace = cluster.createNamespace("exec");
        cluster.bind(namespace, "alice", "ClusterRole", "view");
        cluster.bind(namespace, "bob", "ClusterRole", "edit");
        requesters = new RequesterClients(admin);
        kinds = new KindResolver(admin);
        admin.apps().deployments().inNamespace(namespace).resource(deployment("web", 2)).create();
        awaitReady("web", 2);
    }

    @Test
    void getListsRowsWithKubectlsColumnsAsTheRequester() {
        CommandResult deployments = run(ALICE, "{verb: get, resource: {kind: Deployment}}");
        assertThat(deployments.columns()).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(deployments.rows()).singleElement().satisfies(row -> assertThat(row.subList(0, 2)).containsExactly("web", "2/2"));

        CommandResult pods = run(ALICE, "{verb: get, resource: {kind: pods}, selector: {labels: app=web}, arguments: {output: wide}}");
        assertThat(pods.columns()).contains("NAME", "READY", "STATUS", "NODE");
        assertThat(pods.rows()).hasSize(2).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("Running"));
        assertThat(pods.summary()).isEqualTo("2 pods");
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        CommandResult result = run(ADMIN, "{verb: get, resource: {kind: Deployment}, allNamespaces: true}", null);
        assertThat(result.columns()).startsWith("NAMESPACE", "NAME");
        assertThat(result.rows()).anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly(namespace, "web"));
    }

    @Test
    void secretValuesNeverLeaveTheCluster() {
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
                .addToStringData("password", "hunter2").build()).create();
        CommandResult yaml = run(BOB, "{verb: get, resource: {kind: Secret}, name: db, arguments: {output: yaml}}");
        assertThat(yaml.text()).contains("password: \"<redacted>\"").doesNotContain("hunter2").doesNotContain("aHVudGVyMg");
        CommandResult described = run(BOB, "{verb: describe, resource: {kind: Secret}, name: db}");
        assertThat(described.text()).contains("<redacted>").doesNotContain("aHVudGVyMg");
    }

    @Test
    void describeShowsTheObjectAndItsEvents() {
        CommandResult result = run(ALICE, "{verb: describe, resource: {kind: Deployment}, name: web}");
        assertThat(result.summary()).isEqualTo("deployment.apps/web");
        assertThat(result.text()).contains("kind: \"Deployment\"", "replicas: 2", "Events:").doesNotContain("managedFields");
    }

    @Test
    void eventsListWhatHappenedNewestLast() {
        CommandResult result = run(ALICE, "{verb: events, resource: {kind: Deployment}, name: web}");
        assertThat(result.columns()).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(result.rows()).anySatisfy(row -> assertThat(row.get(2)).isEqualTo("ScalingReplicaSet"));
    }

    @Test
    void logsOfAWorkloadComeFromOneOfItsPods() {
        CommandResult tail = run(BOB, "{verb: logs, resource: {kind: Deployment}, name: web, arguments: {tailLines: 1}}");
        assertThat(tail.summary()).startsWith("logs of pod/web-");
        assertThat(tail.text()).contains("slow upstream").doesNotContain("orders/1 ");
        CommandResult previous = run(BOB, "{verb: logs, resource: {kind: Deployment}, name: web, arguments: {previous: true}}");
        assertThat(previous.text()).contains("out of memory");
    }

    @Test
    void topSaysPlainlyWhenNoMetricsAreServed() {
        assertThatThrownBy(() -> run(ALICE, "{verb: top, resource: {kind: pods}}"))
                .isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("metrics are not available");
    }

    @Test
    void theApiServerRefusesWhatTheRequesterMayNotDoEvenIfTheOperatorMay() {
        assertThatThrownBy(() -> run(ALICE, "{verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 5}}"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("User \"alice\" cannot patch resource \"deployments/scale\"");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void scaleReallyScalesAndKwokRunsTheNewPods() {
        assertThat(run(BOB, "{verb: scale, resource: {kind: Deployment}, name: web, arguments: {replicas: 4}}").summary())
                .isEqualTo("deployment.apps/web scaled to 4");
        awaitReady("web", 4);
        assertThat(admin.pods().inNamespace(namespace).withLabel("app", "web").list().getItems())
                .hasSize(4).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }

    @Test
    void rolloutRestartMakesANewReplicaSetThenUndoGoesBack() {
        assertThat(run(BOB, "{verb: rollout-restart, resource: {kind: Deployment}, name: web}").summary()).isEqualTo("deployment.apps/web restarted");
        awaitRevisions(2);
        awaitRolledOut();
        assertThat(run(ALICE, "{verb: rollout-status, resource: {kind: Deployment}, name: web}").summary())
                .isEqualTo("deployment \"web\" successfully rolled out");
        assertThat(run(ALICE, "{verb: rollout-history, resource: {kind: Deployment}, name: web}").rows())
                .extracting(row -> row.get(0)).containsExactly("1", "2");

        assertThat(run(BOB, "{verb: rollout-undo, resource: {kind: Deployment}, name: web}").summary())
                .isEqualTo("deployment.apps/web rolled back to revision 1");
        // The controller gives the ReplicaSet of revision 1 back, renumbered as revision 3.
        awaitUntil(() -> run(ALICE, "{verb: rollout-history, resource: {kind: Deployment}, name: web}").rows().stream()
                .map(row -> row.get(0)).toList().equals(List.of("2", "3")), "history 2, 3");
    }

    @Test
    void statefulSetsAndDaemonSetsRollOutThroughControllerRevisions() {
        admin.apps().statefulSets().inNamespace(namespace).resource(statefulSet("db", 1)).create();
        admin.apps().statefulSets().inNamespace(namespace).withName("db").waitUntilCondition(s -> s.getStatus() != null
                && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        assertThat(run(ALICE, "{verb: rollout-status, resource: {kind: StatefulSet}, name: db}").summary())
                .startsWith("statefulset rolling update complete 1 pods at revision db-");

        run(BOB, "{verb: set-image, resource: {kind: StatefulSet}, name: db, arguments: {images: {db: \"nginx:1.28\"}}}");
        admin.apps().statefulSets().inNamespace(namespace).withName("db").waitUntilCondition(s -> s.getStatus() != null
                && s.getMetadata().getGeneration().equals(s.getStatus().getObservedGeneration())
                && Objects.equals(s.getStatus().getUpdateRevision(), s.getStatus().getCurrentRevision())
                && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        assertThat(run(ALICE, "{verb: rollout-history, resource: {kind: StatefulSet}, name: db}").rows())
                .extracting(row -> row.get(0)).containsExactly("1", "2");
        assertThat(run(BOB, "{verb: rollout-undo, resource: {kind: StatefulSet}, name: db}").summary())
                .isEqualTo("statefulset.apps/db rolled back to revision 1");
        assertThat(admin.apps().statefulSets().inNamespace(namespace).withName("db").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThatThrownBy(() -> run(ALICE, "{verb: rollout-undo, resource: {kind: StatefulSet}, name: db}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("User \"alice\" cannot patch resource \"statefulsets\"");

        // pinned to one node, and removed after: other tests drain nodes of their own, which must hold no DaemonSet pod
        DaemonSet agent = daemonSet("agent");
        String node = admin.pods().inNamespace(namespace).withLabel("app", "web").list().getItems().get(0).getSpec().getNodeName();
        agent.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("kubernetes.io/hostname", node));
        admin.apps().daemonSets().inNamespace(namespace).resource(agent).create();
        try {
            admin.apps().daemonSets().inNamespace(namespace).withName("agent").waitUntilCondition(s -> s.getStatus() != null
                    && Integer.valueOf(1).equals(s.getStatus().getDesiredNumberScheduled())
                    && Integer.valueOf(1).equals(s.getStatus().getNumberAvailable()), 60, TimeUnit.SECONDS);
            assertThat(run(ALICE, "{verb: rollout-status, resource: {kind: DaemonSet}, name: agent}").summary())
                    .isEqualTo("daemon set \"agent\" successfully rolled out");
            assertThat(run(ALICE, "{verb: rollout-history, resource: {kind: DaemonSet}, name: agent}").rows()).hasSize(1);
        } finally {
            admin.apps().daemonSets().inNamespace(namespace).withName("agent").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        }
        assertThatThrownBy(() -> run(ALICE, "{verb: rollout-status, resource: {kind: ConfigMap}, name: agent}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("not configmaps");
    }

    @Test
    void aWriteWithoutNameOrSelectorNeedsAll() {
        assertThatThrownBy(() -> run(BOB, "{verb: set-image, resource: {kind: Deployment}, arguments: {images: {\"*\": \"evil:latest\"}}}"))
                .isInstanceOf(CommandRefusedException.class)
                .hasMessageStartingWith("name the object, give a selector, or set arguments.all");
        assertThatThrownBy(() -> run(BOB, "{verb: delete, resource: {kind: Deployment}, selector: {}}"))
                .isInstanceOf(CommandRefusedException.class);
        assertThat(web().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThat(run(BOB, "{verb: label, resource: {kind: Deployment}, arguments: {labels: {team: shop}, all: true}}").summary())
                .isEqualTo("deployment.apps/web labeled");
    }

    @Test
    void rolloutPauseAndResume() {
        run(BOB, "{verb: rollout-pause, resource: {kind: Deployment}, name: web}");
        assertThat(web().getSpec().getPaused()).isTrue();
        assertThatThrownBy(() -> run(BOB, "{verb: rollout-undo, resource: {kind: Deployment}, name: web}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("paused");
        run(BOB, "{verb: rollout-resume, resource: {kind: Deployment}, name: web}");
        assertThat(web().getSpec().getPaused()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void setImageChangesTheNamedContainerOnly() {
        assertThat(run(BOB, "{verb: set-image, resource: {kind: Deployment}, name: web, arguments: {images: {web: \"nginx:1.28\"}}}").summary())
                .isEqualTo("deployment.apps/web image updated");
        assertThat(web().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
        assertThatThrownBy(() -> run(BOB, "{verb: set-image, resource: {kind: Deployment}, name: web, arguments: {images: {sidecar: x}}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessage("unable to find container named \"sidecar\" in deployment.apps/web");
    }

    @Test
    void setEnvAddsReplacesRemovesAndImportsByReferenceOnly() {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("web-config").endMetadata()
                .addToData("log.level", "debug").build()).create();
        assertThat(run(BOB, "{verb: set-env, resource: {kind: Deployment}, name: web, arguments: {env: {FEATURE_X: \"on\", MODE: a}}}").summary())
                .isEqualTo("deployment.apps/web env updated");
        run(BOB, "{verb: set-env, resource: {kind: Deployment}, name: web, arguments: {env: {MODE: b}, removeEnv: [FEATURE_X], envFrom: configmap/web-config}}");

        var env = web().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).extracting(e -> e.getName()).containsExactlyInAnyOrder("MODE", "LOG_LEVEL");
        assertThat(env).filteredOn(e -> e.getName().equals("MODE")).singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("b"));
        assertThat(env).filteredOn(e -> e.getName().equals("LOG_LEVEL")).singleElement().satisfies(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("log.level");
        });
        assertThatThrownBy(() -> run(BOB, "{verb: set-env, resource: {kind: Deployment}, name: web, arguments: {env: {A: b}, container: sidecar}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessage("unable to find container named \"sidecar\" in deployment.apps/web");
        assertThatThrownBy(() -> run(ALICE, "{verb: set-env, resource: {kind: Deployment}, name: web, arguments: {env: {A: b}}}"))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("User \"alice\" cannot patch resource \"deployments\"");
    }

    @Test
    void setResourcesAndServiceAccountChangeThePodTemplate() {
        assertThat(run(BOB, "{verb: set-resources, resource: {kind: Deployment}, name: web,"
                + " arguments: {requests: {cpu: 100m}, limits: {cpu: \"1\", memory: 1Gi}}}").summary())
                .isEqualTo("deployment.apps/web resource requirements updated");
        var resources = web().getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("100m");
        assertThat(resources.getLimits().get("memory").toString()).isEqualTo("1Gi");

        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata().withName("web-runner")
                .endMetadata().build()).create();
        assertThat(run(BOB, "{verb: set-serviceaccount, resource: {kind: Deployment}, name: web, arguments: {serviceAccount: web-runner}}")
                .summary()).isEqualTo("deployment.apps/web serviceaccount updated");
        assertThat(web().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("web-runner");
        assertThatThrownBy(() -> run(BOB, "{verb: set-serviceaccount, resource: {kind: ConfigMap}, name: web, arguments: {serviceAccount: x}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("no pod template");
    }

    @Test
    void createServiceAndCronJobAsKubectlsGeneratorsDo() {
        run(BOB, "{verb: create, resource: {kind: Service}, name: docs, arguments: {serviceType: NodePort, port: 80, targetPort: 8080}}");
        var service = admin.services().inNamespace(namespace).withName("docs").get();
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getSelector()).containsEntry("app", "docs");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("80-8080");
            assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080);
            assertThat(port.getNodePort()).isNotNull();
        });
        run(BOB, "{verb: create, resource: {kind: CronJob}, name: ping, arguments: {image: busybox, schedule: \"*/5 * * * *\"}}");
        var cronJob = admin.batch().v1().cronjobs().inNamespace(namespace).withName("ping").get();
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/5 * * * *");
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                .singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("busybox"));
    }

    @Test
    void createRoleGroupsResourcesByApiGroupAndBindingsGrantIt() {
        assertThat(run(ADMIN, "{verb: create, resource: {kind: Role}, name: deploy-manager,"
                + " arguments: {roleVerbs: [get, list], roleResources: [deployments, pods/log, pods]}}").summary())
                .isEqualTo("role.rbac.authorization.k8s.io/deploy-manager created");
        var rules = admin.rbac().roles().inNamespace(namespace).withName("deploy-manager").get().getRules();
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("apps");
            assertThat(r.getResources()).containsExactly("deployments");
        }).anySatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("");
            assertThat(r.getResources()).containsExactly("pods/log", "pods");
        });
        assertThatThrownBy(() -> run(ADMIN, "{verb: create, resource: {kind: Role}, name: r, arguments: {roleVerbs: [get], roleResources: [nothings]}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("doesn't have a resource type \"nothings\"");

        run(ADMIN, "{verb: create, resource: {kind: RoleBinding}, name: dave-manager,"
                + " arguments: {role: deploy-manager, users: [dave], serviceAccounts: [\"" + namespace + ":default\"]}}");
        var binding = admin.rbac().roleBindings().inNamespace(namespace).withName("dave-manager").get();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getSubjects()).extracting(sub -> sub.getKind() + ":" + sub.getName())
                .containsExactly("User:dave", "ServiceAccount:default");
        String cluster = "frank-view-" + namespace;
        try {
            run(ADMIN, "{verb: create, resource: {kind: ClusterRoleBinding}, name: " + cluster + ", arguments: {clusterRole: view, groups: [auditors]}}");
            assertThat(admin.rbac().clusterRoleBindings().withName(cluster).get().getRoleRef().getName()).isEqualTo("view");
        } finally {
            admin.rbac().clusterRoleBindings().withName(cluster).delete();
        }
    }

    @Test
    void labelAndAnnotateLikeKubectl() {
        run(BOB, "{verb: label, resource: {kind: Deployment}, name: web, arguments: {labels: {tier: frontend}}}");
        assertThatThrownBy(() -> run(BOB, "{verb: label, resource: {kind: Deployment}, name: web, arguments: {labels: {tier: backend}}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("'tier' already has a value (frontend)");
        run(BOB, "{verb: label, resource: {kind: Deployment}, name: web, arguments: {labels: {tier: backend}, overwrite: true}}");
        assertThat(web().getMetadata().getLabels()).containsEntry("tier", "backend");
        run(BOB, "{verb: label, resource: {kind: Deployment}, name: web, arguments: {removeLabels: [tier]}}");
        assertThat(web().getMetadata().getLabels()).doesNotContainKey("tier");
        run(BOB, "{verb: annotate, resource: {kind: Deployment}, name: web, arguments: {annotations: {owner: team-shop}}}");
        assertThat(web().getMetadata().getAnnotations()).containsEntry("owner", "team-shop");
    }

    @Test
    void nodesAreCordonedTaintedAndDrainedWithEvictions() {
        String node = "kwok-drain-" + namespace.substring(namespace.lastIndexOf('-') + 1);
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                .addToAnnotations("kwok.x-k8s.io/node", "fake").addToLabels("type", "kwok").endMetadata().build()).create();
        try {
            Deployment pinned = deployment("pinned", 1);
            pinned.getSpec().getTemplate().getSpec().setNodeName(node);
            admin.apps().deployments().inNamespace(namespace).resource(pinned).create();
            awaitReady("pinned", 1);
            String pod = admin.pods().inNamespace(namespace).withLabel("app", "pinned").list().getItems().get(0).getMetadata().getName();

            assertThat(run(ADMIN, "{verb: cordon, resource: {kind: Node}, name: " + node + "}").summary()).isEqualTo("node/" + node + " cordoned");
            assertThat(admin.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
            run(ADMIN, "{verb: taint, resource: {kind: Node}, name: " + node + ", arguments: {taints: [{key: dedicated, value: db, effect: NoSchedule}]}}");
            assertThat(admin.nodes().withName(node).get().getSpec().getTaints()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
            run(ADMIN, "{verb: taint, resource: {kind: Node}, name: " + node + ", arguments: {taints: [{key: dedicated, remove: true}]}}");
            assertThat(admin.nodes().withName(node).get().getSpec().getTaints()).noneSatisfy(t -> assertThat(t.getKey()).isEqualTo("dedicated"));

            CommandResult drained = run(ADMIN, "{verb: drain, resource: {kind: Node}, name: " + node + "}");
            assertThat(drained.summary()).isEqualTo("node/" + node + " drained");
            assertThat(drained.text()).contains("evicting pod " + namespace + "/" + pod);
            admin.pods().inNamespace(namespace).withName(pod).waitUntilCondition(p -> p == null, 30, TimeUnit.SECONDS);

            assertThat(run(ADMIN, "{verb: uncordon, resource: {kind: Node}, name: " + node + "}").summary()).isEqualTo("node/" + node + " uncordoned");
        } finally {
            admin.nodes().withName(node).delete();
        }
    }

    @Test
    void createBuildsWhatKubectlsGeneratorsBuild() {
        run(BOB, "{verb: create, resource: {kind: ConfigMap}, name: settings, arguments: {data: {currency: EUR}}}");
        assertThat(admin.configMaps().inNamespace(namespace).withName("settings").get().getData()).containsEntry("currency", "EUR");
        run(BOB, "{verb: create, resource: {kind: Deployment}, name: api, arguments: {image: \"registry.example.com/shop/api:2.0\", replicas: 2}}");
        awaitReady("api", 2);
        admin.batch().v1().cronjobs().inNamespace(namespace).resource(new CronJobBuilder().withNewMetadata().withName("nightly").endMetadata()
                .withNewSpec().withSchedule("0 2 * * *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
                .withRestartPolicy("Never").addNewContainer().withName("report").withImage("report:1").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
        assertThat(run(BOB, "{verb: create, resource: {kind: Job}, name: nightly-now, arguments: {fromCronJob: nightly}}").summary())
                .isEqualTo("job.batch/nightly-now created");
        assertThat(admin.batch().v1().jobs().inNamespace(namespace).withName("nightly-now").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("nightly"));
        assertThatThrownBy(() -> run(BOB, "{verb: create, resource: {kind: Secret}, name: s}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("create secret is not offered");
    }

    @Test
    void exposeAndAutoscaleAWorkload() {
        run(BOB, "{verb: expose, resource: {kind: Deployment}, name: web, arguments: {port: 80, targetPort: 8080}}");
        var service = admin.services().inNamespace(namespace).withName("web").get();
        assertThat(service.getSpec().getSelector()).containsEntry("app", "web");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
        run(BOB, "{verb: autoscale, resource: {kind: Deployment}, name: web, arguments: {minReplicas: 2, maxReplicas: 6, cpuPercent: 70}}");
        var hpa = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName("web").get();
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
    }

    @Test
    void patchAndServerSideApply() {
        run(BOB, "{verb: apply, resource: {kind: ConfigMap}, name: flags, manifest: {apiVersion: v1, kind: ConfigMap, metadata: {name: flags}, data: {beta: \"off\"}}}");
        run(BOB, "{verb: patch, resource: {kind: ConfigMap}, name: flags, arguments: {patch: '{\"data\":{\"gamma\":\"on\"}}'}}");
        run(BOB, "{verb: apply, resource: {kind: ConfigMap}, name: flags, manifest: {apiVersion: v1, kind: ConfigMap, metadata: {name: flags}, data: {beta: \"on\"}}}");
        assertThat(admin.configMaps().inNamespace(namespace).withName("flags").get().getData()).containsEntry("beta", "on").containsEntry("gamma", "on");
        assertThatThrownBy(() -> run(BOB, "{verb: apply, resource: {kind: ConfigMap}, manifest: {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: kube-system}}}"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("differs from the command's");
    }

    @Test
    void deleteByNameOrSelectorOnce() {
        run(BOB, "{verb: create, resource: {kind: ConfigMap}, name: a}");
        assertThat(run(BOB, "{verb: delete, resource: {kind: ConfigMap}, name: a}").summary()).isEqualTo("configmap/a deleted");
        assertThat(run(BOB, "{verb: delete, resource: {kind: ConfigMap}, name: a}").summary()).isEqualTo("configmap/a was already gone");
        CommandResult pods = run(BOB, "{verb: delete, resource: {kind: Pod}, selector: {labels: app=web}}");
        assertThat(pods.totalItems()).isEqualTo(2);
        assertThat(pods.text()).contains("deleted");
    }

    @Test
    void discoveryAndSelfReview() {
        assertThat(run(ALICE, "{verb: version}", null).summary()).isEqualTo("Server Version: v1.35.4");
        assertThat(run(ALICE, "{verb: cluster-info}", null).summary()).startsWith("Kubernetes control plane is running at https://127.0.0.1:");
        assertThat(run(ALICE, "{verb: api-resources}", null).rows()).anySatisfy(row -> assertThat(row.get(0)).isEqualTo("deployments"));
        assertThat(run(ALICE, "{verb: auth-can-i, resource: {kind: Deployment}, arguments: {accessVerb: delete}}").summary()).isEqualTo("no");
        assertThat(run(BOB, "{verb: auth-can-i, resource: {kind: Deployment}, arguments: {accessVerb: delete}}").summary()).isEqualTo("yes");
        CommandResult explained = run(ALICE, "{verb: explain, resource: {kind: Deployment}, arguments: {fieldPath: spec.replicas}}");
        assertThat(explained.text()).contains("FIELD: replicas <integer>", "Number of desired pods");
    }

    private CommandResult run(Identity requester, String commandYaml) {
        return run(requester, commandYaml, namespace);
    }

    private CommandResult run(Identity requester, String commandYaml, String inNamespace) {
        Command command = command(commandYaml);
        ResourceKind kind = command.resource() == null ? null : kinds.resolve(command.resource()).orElseThrow();
        String effective = kind != null && !kind.namespaced() ? null : command.allNamespaces() != null && command.allNamespaces() ? null : inNamespace;
        return executor.execute(requesters.as(requester), command, kind, effective);
    }

    private static Command command(String yaml) {
        try {
            return YAML.readValue(yaml, Command.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }

    private Deployment web() {
        return admin.apps().deployments().inNamespace(namespace).withName("web").get();
    }

    private void awaitReady(String name, int replicas) {
        admin.apps().deployments().inNamespace(namespace).withName(name).waitUntilCondition(
                d -> d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                        && Integer.valueOf(replicas).equals(d.getStatus().getReplicas()), 60, TimeUnit.SECONDS);
    }

    private void awaitRolledOut() {
        admin.apps().deployments().inNamespace(namespace).withName("web").waitUntilCondition(d -> d.getStatus() != null
                && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas()) && Integer.valueOf(2).equals(d.getStatus().getReplicas())
                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
    }

    private void awaitRevisions(int count) {
        awaitUntil(() -> admin.apps().replicaSets().inNamespace(namespace).withLabel("app", "web").list().getItems().size() >= count,
                count + " ReplicaSets");
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after 30s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
