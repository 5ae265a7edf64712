package io.kubechat.operator.access;

/** A kind as the API server serves it: where it lives and whether it is namespaced. */
public record ResourceKind(String group, String version, String plural, String kind, boolean namespaced) {

    public static final ResourceKind PODS = new ResourceKind("", "v1", "pods", "Pod", true);
    public static final ResourceKind NODES = new ResourceKind("", "v1", "nodes", "Node", false);
    public static final ResourceKind EVENTS = new ResourceKind("", "v1", "events", "Event", true);
    public static final ResourceKind SERVICES = new ResourceKind("", "v1", "services", "Service", true);
    public static final ResourceKind CONFIG_MAPS = new ResourceKind("", "v1", "configmaps", "ConfigMap", true);
    public static final ResourceKind SECRETS = new ResourceKind("", "v1", "secrets", "Secret", true);
    public static final ResourceKind JOBS = new ResourceKind("batch", "v1", "jobs", "Job", true);
    public static final ResourceKind CRON_JOBS = new ResourceKind("batch", "v1", "cronjobs", "CronJob", true);
    public static final ResourceKind REPLICA_SETS = new ResourceKind("apps", "v1", "replicasets", "ReplicaSet", true);
    public static final ResourceKind CONTROLLER_REVISIONS = new ResourceKind("apps", "v1", "controllerrevisions", "ControllerRevision", true);
    public static final ResourceKind HORIZONTAL_POD_AUTOSCALERS =
            new ResourceKind("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true);

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
