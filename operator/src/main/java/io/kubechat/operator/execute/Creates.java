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
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import java.util.Map;

/** create, expose and autoscale, building the same objects kubectl's generators build. */
final class Creates {

    CommandResult create(Target target, Command command) {
        CommandArguments args = command.arguments();
        HasMetadata object = switch (target.kind().kind()) {
            case "Namespace" -> new NamespaceBuilder().withNewMetadata().withName(requireName(command)).endMetadata().build();
            case "ConfigMap" -> new ConfigMapBuilder().withNewMetadata().withName(requireName(command)).endMetadata()
                    .withData(args == null || args.data() == null ? Map.of() : args.data()).build();
            case "ServiceAccount" -> new ServiceAccountBuilder().withNewMetadata().withName(requireName(command)).endMetadata().build();
            case "Deployment" -> deployment(command, args);
            case "Job" -> job(target.client(), target.namespace(), command, args);
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
