package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * The typed options of a command, the structured counterpart of kubectl's flags. Each verb reads
 * only the ones that make sense for it; the CEL rules on {@link Command} require the ones it needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandArguments(
        @Min(0) @Max(100000)
        @JsonPropertyDescription("Desired replicas for scale.")
        Integer replicas,

        @Size(max = 63)
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        @JsonPropertyDescription("Container name for logs, set-image or describe: a DNS label.")
        String container,

        @Size(max = 64)
        @JsonPropertyDescription("Container name to image for set-image, for example {\"app\": \"nginx:1.27\"}.")
        Map<String, @Size(max = 512) String> images,

        @Min(0) @Max(100000)
        @JsonPropertyDescription("Number of log lines from the end.")
        Integer tailLines,

        @Pattern("^([0-9]+(s|m|h))+$")
        @JsonPropertyDescription("Only logs or events newer than this duration, for example 10m or 1h30m.")
        String since,

        @JsonPropertyDescription("Logs of the previous container instance.")
        Boolean previous,

        @Pattern("^(table|wide|yaml|json|name)$")
        @JsonPropertyDescription("Output shape: table (default), wide, yaml, json or name.")
        String output,

        @Size(max = 256)
        @JsonPropertyDescription("JSONPath to sort a list by, for example .metadata.creationTimestamp.")
        String sortBy,

        @JsonPropertyDescription("Only warning events.")
        Boolean warningsOnly,

        @Size(max = 64)
        @JsonPropertyDescription("Labels to add or overwrite.")
        Map<String, @Size(max = 63) String> labels,

        @Size(max = 64)
        @JsonPropertyDescription("Label keys to remove.")
        List<@Size(max = 316) String> removeLabels,

        @Size(max = 64)
        @JsonPropertyDescription("Annotations to add or overwrite.")
        Map<String, @Size(max = 4096) String> annotations,

        @Size(max = 64)
        @JsonPropertyDescription("Annotation keys to remove.")
        List<@Size(max = 316) String> removeAnnotations,

        @JsonPropertyDescription("Allow label or annotate to replace an existing value.")
        Boolean overwrite,

        @Size(max = 32)
        @JsonPropertyDescription("Taints to add or remove.")
        List<Taint> taints,

        @Min(1) @Max(65535)
        @JsonPropertyDescription("Port for expose.")
        Integer port,

        @Min(1) @Max(65535)
        @JsonPropertyDescription("Target port for expose; defaults to port.")
        Integer targetPort,

        @Pattern("^(ClusterIP|NodePort|LoadBalancer)$")
        @JsonPropertyDescription("Service type for expose.")
        String serviceType,

        @Min(1) @Max(100000)
        @JsonPropertyDescription("Minimum replicas for autoscale.")
        Integer minReplicas,

        @Min(1) @Max(100000)
        @JsonPropertyDescription("Maximum replicas for autoscale.")
        Integer maxReplicas,

        @Min(1) @Max(1000)
        @JsonPropertyDescription("Target CPU utilisation percent for autoscale.")
        Integer cpuPercent,

        @Min(0)
        @JsonPropertyDescription("Revision for rollout-undo; the previous one when omitted.")
        Long toRevision,

        @Min(0) @Max(86400)
        @JsonPropertyDescription("Grace period for delete and drain.")
        Integer gracePeriodSeconds,

        @JsonPropertyDescription("Drain: proceed past DaemonSet-managed pods.")
        Boolean ignoreDaemonSets,

        @JsonPropertyDescription("Drain: evict pods using emptyDir volumes, losing their data.")
        Boolean deleteEmptyDirData,

        @JsonPropertyDescription("Delete: every object of the kind in the namespace.")
        Boolean all,

        @Pattern("^(merge|strategic|json)$")
        @JsonPropertyDescription("Patch type: merge (default), strategic or json.")
        String patchType,

        @Size(max = 65536)
        @JsonPropertyDescription("Patch document, JSON.")
        String patch,

        @Size(max = 253)
        @JsonPropertyDescription("Create a Job from this CronJob (kubectl create job --from=cronjob/NAME).")
        String fromCronJob,

        @Size(max = 512)
        @JsonPropertyDescription("Image for create deployment or create job.")
        String image,

        @Size(max = 64)
        @JsonPropertyDescription("Literal data for create configmap.")
        Map<String, @Size(max = 65536) String> data,

        @Pattern("^[a-z]+$")
        @Size(max = 32)
        @JsonPropertyDescription("auth-can-i: the verb to check, for example delete.")
        String accessVerb,

        @Size(max = 256)
        @Pattern("^[A-Za-z0-9.]+$")
        @JsonPropertyDescription("explain: field path below the kind, for example spec.replicas.")
        String fieldPath,

        @Size(max = 64)
        @JsonPropertyDescription("set-env: environment variables to add or replace, name to value.")
        Map<String, @Size(max = 4096) String> env,

        @Size(max = 64)
        @JsonPropertyDescription("set-env: names of environment variables to remove.")
        List<@Pattern("^[-._a-zA-Z][-._a-zA-Z0-9]*$") @Size(max = 256) String> removeEnv,

        @Size(max = 260)
        @Pattern("^(configmap|secret)/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @JsonPropertyDescription("set-env: import every key of a ConfigMap or Secret as a reference (kubectl --from), "
                + "for example configmap/web-config; values are never copied.")
        String envFrom,

        @Size(max = 16)
        @JsonPropertyDescription("set-resources: requests, resource name to quantity, for example {\"cpu\": \"200m\"}.")
        Map<String, @Pattern("^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$") @Size(max = 32) String> requests,

        @Size(max = 16)
        @JsonPropertyDescription("set-resources: limits, resource name to quantity, for example {\"memory\": \"1Gi\"}.")
        Map<String, @Pattern("^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$") @Size(max = 32) String> limits,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @JsonPropertyDescription("set-serviceaccount: the service account the pods run as.")
        String serviceAccount,

        @Size(max = 128)
        @Pattern("^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9*/,?A-Za-z-]+( [0-9*/,?A-Za-z-]+){4})$")
        @JsonPropertyDescription("create cronjob: the schedule in cron format, for example '*/5 * * * *'.")
        String schedule,

        @Min(1) @Max(65535)
        @JsonPropertyDescription("create service nodeport: the node port; the API server picks one when omitted.")
        Integer nodePort,

        @Size(max = 32)
        @JsonPropertyDescription("create role / clusterrole: the verbs the rule allows, for example [get, list].")
        List<@Pattern("^([a-z]+|\\*)$") @Size(max = 32) String> roleVerbs,

        @Size(max = 32)
        @JsonPropertyDescription("create role / clusterrole: the resources the rule covers, as kubectl --resource takes "
                + "them: deployments, deployments.apps, pods/log.")
        List<@Pattern("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(/[a-z]+)?|\\*)$") @Size(max = 253) String> roleResources,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$")
        @JsonPropertyDescription("create rolebinding / clusterrolebinding: the ClusterRole granted.")
        String clusterRole,

        @Size(max = 253)
        @Pattern("^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$")
        @JsonPropertyDescription("create rolebinding: the Role (in the binding's namespace) granted.")
        String role,

        @Size(max = 16)
        @JsonPropertyDescription("create rolebinding / clusterrolebinding: users granted the role.")
        List<@Size(max = 253) @Pattern("^[^\\s]+$") String> users,

        @Size(max = 16)
        @JsonPropertyDescription("create rolebinding / clusterrolebinding: groups granted the role.")
        List<@Size(max = 253) @Pattern("^[^\\s]+$") String> groups,

        @Size(max = 16)
        @JsonPropertyDescription("create rolebinding / clusterrolebinding: service accounts granted the role, as namespace:name.")
        List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") @Size(max = 317) String> serviceAccounts) {
}
