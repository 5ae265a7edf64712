package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.operator.access.KindResolver;
import io.kubechat.operator.access.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** create, expose and autoscale, building the same objects kubectl's generators build. */
final class Creates {

    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    CommandResult create(Target target, Command command) {
        CommandArguments args = command.arguments();
        HasMetadata object = switch (target.kind().kind()) {
            case "Namespace" -> new NamespaceBuilder().withNewMetadata().withName(requireName(command)).endMetadata().build();
            case "ConfigMap" -> new ConfigMapBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withData(args == null || args.data() == null ? Map.of() : args.data()).build();
            case "ServiceAccount" -> new ServiceAccountBuilder().withNewMetadata().withName(requireName(command)).endMetadata().build();
            case "Deployment" -> deployment(command, args);
            case "Job" -> job(target.client(), target.namespace(), command, args);
            case "CronJob" -> cronJob(command, args);
            case "Service" -> service(command, args);
            case "Role" -> new RoleBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withRules(rules(target.client(), args)).build();
            case "ClusterRole" -> new ClusterRoleBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withRules(rules(target.client(), args)).build();
            case "RoleBinding" -> new RoleBindingBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withRoleRef(roleRef(args, true)).withSubjects(subjects(args)).build();
            case "ClusterRoleBinding" -> new ClusterRoleBindingBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withRoleRef(roleRef(args, false)).withSubjects(subjects(args)).build();
            case "Secret" -> throw new CommandRefusedException(
                    "create secret is not offered: its values would be stored in the CommandExecution; create it with kubectl or your secret manager");
            default -> fromManifest(target, command);
        };
        HasMetadata created = target.kind().namespaced()
                ? target.client().resource(object).inNamespace(target.namespace()).create()
                : target.client().resource(object).create();
        return Writes.summary(target.qualified(created.getMetadata().getName()) + " created");
    }

    /** kubectl expose: a Service selecting the workload's pods. */
    CommandResult expose(Target target, CommandArguments args) {
        GenericKubernetesResource workload = target.matching().get(0);
        Map<String, String> selector = selectorOf(workload);
        if (args == null || args.port() == null) {
            throw new CommandRefusedException("expose needs arguments.port");
        }
        var service = new ServiceBuilder()
                .withNewMetadata().withName(workload.getMetadata().getName()).endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .withType(args.serviceType() == null ? "ClusterIP" : args.serviceType())
                .addNewPort().withPort(args.port())
                .withTargetPort(new IntOrString(args.targetPort() == null ? args.port() : args.targetPort())).endPort()
                .endSpec().build();
        target.client().services().inNamespace(target.namespace()).resource(service).create();
        return Writes.summary("service/" + workload.getMetadata().getName() + " exposed");
    }

    /** kubectl autoscale: an autoscaling/v2 HorizontalPodAutoscaler on CPU utilisation. */
    CommandResult autoscale(Target target, CommandArguments args) {
        if (args == null || args.maxReplicas() == null) {
            throw new CommandRefusedException("autoscale needs arguments.maxReplicas");
        }
        GenericKubernetesResource workload = target.matching().get(0);
        var hpa = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(workload.getMetadata().getName()).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef(workload.getApiVersion(), workload.getKind(), workload.getMetadata().getName())
                .withMinReplicas(args.minReplicas() == null ? 1 : args.minReplicas())
                .withMaxReplicas(args.maxReplicas())
                .addNewMetric().withType("Resource").withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(args.cpuPercent() == null ? 80 : args.cpuPercent()).endTarget()
                .endResource().endMetric()
                .endSpec().build();
        target.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(target.namespace()).resource(hpa).create();
        return Writes.summary("horizontalpodautoscaler.autoscaling/" + workload.getMetadata().getName() + " autoscaled");
    }

    private static HasMetadata deployment(Command command, CommandArguments args) {
        String name = requireName(command);
        if (args == null || args.image() == null) {
            throw new CommandRefusedException("create deployment needs arguments.image");
        }
        Map<String, String> labels = Map.of("app", name);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(args.replicas() == null ? 1 : args.replicas())
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(containerName(args.image())).withImage(args.image()).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** kubectl create job, either from an image or from a CronJob's template (--from=cronjob/NAME). */
    private static HasMetadata job(KubernetesClient client, String namespace, Command command, CommandArguments args) {
        String name = requireName(command);
        if (args != null && args.fromCronJob() != null) {
            CronJob cronJob = client.batch().v1().cronjobs().inNamespace(namespace).withName(args.fromCronJob()).get();
            if (cronJob == null) {
                throw new ObjectNotFoundException("cronjob.batch/" + args.fromCronJob() + " not found in namespace " + namespace);
            }
            return new JobBuilder()
                    .withNewMetadata().withName(name)
                    .addToAnnotations("cronjob.kubernetes.io/instantiate", "manual")
                    .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob.getMetadata().getName())
                    .withUid(cronJob.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withSpec(cronJob.getSpec().getJobTemplate().getSpec())
                    .build();
        }
        if (args == null || args.image() == null) {
            throw new CommandRefusedException("create job needs arguments.image or arguments.fromCronJob");
        }
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(name).withImage(args.image()).endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    /** kubectl create cronjob: one container named after the cron job, restarted on failure. */
    private static HasMetadata cronJob(Command command, CommandArguments args) {
        String name = requireName(command);
        if (args == null || args.image() == null || args.schedule() == null) {
            throw new CommandRefusedException("create cronjob needs arguments.image and arguments.schedule");
        }
        return new CronJobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSchedule(args.schedule())
                .withNewJobTemplate().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName(name).withImage(args.image()).endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    /** kubectl create service TYPE NAME --tcp=PORT:TARGET: it selects the pods labelled app=NAME. */
    private static HasMetadata service(Command command, CommandArguments args) {
        String name = requireName(command);
        if (args == null || args.port() == null) {
            throw new CommandRefusedException("create service needs arguments.port");
        }
        int targetPort = args.targetPort() == null ? args.port() : args.targetPort();
        String type = args.serviceType() == null ? "ClusterIP" : args.serviceType();
        if (args.nodePort() != null && "ClusterIP".equals(type)) {
            throw new CommandRefusedException("a node port needs a NodePort or LoadBalancer service");
        }
        return new ServiceBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withType(type).withSelector(Map.of("app", name))
                .addNewPort().withName(args.port() + "-" + targetPort).withProtocol("TCP").withPort(args.port())
                .withTargetPort(new IntOrString(targetPort)).withNodePort(args.nodePort()).endPort()
                .endSpec().build();
    }

    /**
     * kubectl create role: one rule per API group, each resource found in the requester's discovery, as
     * kubectl groups them ("deployments" is in apps, "pods/log" in the core group).
     */
    private static List<PolicyRule> rules(KubernetesClient client, CommandArguments args) {
        if (args == null || args.roleVerbs() == null || args.roleVerbs().isEmpty() || args.roleResources() == null
                || args.roleResources().isEmpty()) {
            throw new CommandRefusedException("create role needs arguments.roleVerbs and arguments.roleResources");
        }
        KindResolver kinds = new KindResolver(client);
        Map<String, List<String>> byGroup = new TreeMap<>();
        for (String written : args.roleResources()) {
            if ("*".equals(written)) {
                byGroup.computeIfAbsent("*", g -> new ArrayList<>()).add("*");
                continue;
            }
            String[] resourceAndSub = written.split("/", 2);
            String[] pluralAndGroup = resourceAndSub[0].split("\\.", 2);
            ResourceKind kind = kinds.resolveResource(pluralAndGroup[0], pluralAndGroup.length == 2 ? pluralAndGroup[1] : null)
                    .orElseThrow(() -> new CommandRefusedException("the server doesn't have a resource type \"" + resourceAndSub[0] + "\""));
            byGroup.computeIfAbsent(kind.group(), g -> new ArrayList<>())
                    .add(kind.plural() + (resourceAndSub.length == 2 ? "/" + resourceAndSub[1] : ""));
        }
        List<PolicyRule> rules = new ArrayList<>();
        byGroup.forEach((group, resources) -> rules.add(new PolicyRuleBuilder().withApiGroups(group)
                .withResources(resources).withVerbs(args.roleVerbs()).build()));
        return rules;
    }

    private static RoleRef roleRef(CommandArguments args, boolean namespaced) {
        boolean clusterRole = args != null && args.clusterRole() != null;
        boolean role = args != null && args.role() != null;
        if (clusterRole == role || role && !namespaced) {
            throw new CommandRefusedException(namespaced ? "create rolebinding needs exactly one of arguments.clusterRole and arguments.role"
                    : "create clusterrolebinding needs arguments.clusterRole");
        }
        return new RoleRefBuilder().withApiGroup(RBAC_GROUP).withKind(clusterRole ? "ClusterRole" : "Role")
                .withName(clusterRole ? args.clusterRole() : args.role()).build();
    }

    private static List<Subject> subjects(CommandArguments args) {
        List<Subject> subjects = new ArrayList<>();
        (args.users() == null ? List.<String>of() : args.users()).forEach(user -> subjects.add(new SubjectBuilder()
                .withKind("User").withApiGroup(RBAC_GROUP).withName(user).build()));
        (args.groups() == null ? List.<String>of() : args.groups()).forEach(group -> subjects.add(new SubjectBuilder()
                .withKind("Group").withApiGroup(RBAC_GROUP).withName(group).build()));
        for (String account : args.serviceAccounts() == null ? List.<String>of() : args.serviceAccounts()) {
            String[] namespaceAndName = account.split(":", 2);
            subjects.add(new SubjectBuilder().withKind("ServiceAccount").withNamespace(namespaceAndName[0])
                    .withName(namespaceAndName[1]).build());
        }
        if (subjects.isEmpty()) {
            throw new CommandRefusedException("a binding needs arguments.users, groups or serviceAccounts");
        }
        return subjects;
    }

    private static HasMetadata fromManifest(Target target, Command command) {
        if (command.manifest() == null) {
            throw new CommandRefusedException("create of " + target.kind().plural() + " needs command.manifest");
        }
        GenericKubernetesResource object = Serialization.unmarshal(Serialization.asJson(command.manifest()), GenericKubernetesResource.class);
        if (!target.kind().kind().equals(object.getKind())) {
            throw new CommandRefusedException("the manifest is a " + object.getKind() + ", the command says " + target.kind().kind());
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> selectorOf(GenericKubernetesResource workload) {
        Map<String, Object> spec = (Map<String, Object>) workload.getAdditionalProperties().get("spec");
        Object selector = spec == null ? null : spec.get("selector");
        if (selector instanceof Map<?, ?> map && map.get("matchLabels") instanceof Map<?, ?> labels) {
            return (Map<String, String>) labels;
        }
        if (selector instanceof Map<?, ?> map && !map.containsKey("matchExpressions")) {
            return (Map<String, String>) map;
        }
        throw new CommandRefusedException(workload.getKind() + "/" + workload.getMetadata().getName() + " has no label selector to expose");
    }

    private static String requireName(Command command) {
        if (command.name() == null) {
            throw new CommandRefusedException("create needs a name");
        }
        return command.name();
    }

    /** kubectl names the container after the image: nginx:1.27 gives nginx. */
    private static String containerName(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        int tag = last.indexOf(':');
        int digest = last.indexOf('@');
        int end = tag >= 0 ? tag : digest >= 0 ? digest : last.length();
        return last.substring(0, end).replaceAll("[^a-z0-9-]", "-");
    }
}
