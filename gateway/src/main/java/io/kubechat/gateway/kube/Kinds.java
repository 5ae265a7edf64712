package io.kubechat.gateway.kube;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Kinds the resource explorer reads, by the names people use (plural, singular, kubectl short name). */
public final class Kinds {

    public record Kind(String apiVersion, String kind, String plural) {
    }

    private static final Map<String, Kind> BY_NAME = new java.util.HashMap<>();

    static {
        add("v1", "Pod", "pods", "po");
        add("v1", "Service", "services", "svc");
        add("v1", "ConfigMap", "configmaps", "cm");
        add("v1", "Secret", "secrets");
        add("v1", "PersistentVolumeClaim", "persistentvolumeclaims", "pvc");
        add("v1", "ServiceAccount", "serviceaccounts", "sa");
        add("v1", "Event", "events", "ev");
        add("apps/v1", "Deployment", "deployments", "deploy");
        add("apps/v1", "StatefulSet", "statefulsets", "sts");
        add("apps/v1", "DaemonSet", "daemonsets", "ds");
        add("apps/v1", "ReplicaSet", "replicasets", "rs");
        add("batch/v1", "Job", "jobs");
        add("batch/v1", "CronJob", "cronjobs", "cj");
        add("networking.k8s.io/v1", "Ingress", "ingresses", "ing");
        add("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa");
        add("kubechat.io/v1alpha1", "CommandExecution", "commandexecutions", "ce");
        add("kubechat.io/v1alpha1", "ChatSession", "chatsessions", "cs");
    }

    private Kinds() {
    }

    private static void add(String apiVersion, String kind, String plural, String... shortNames) {
        Kind k = new Kind(apiVersion, kind, plural);
        BY_NAME.put(plural, k);
        BY_NAME.put(kind.toLowerCase(Locale.ROOT), k);
        for (String s : shortNames) {
            BY_NAME.put(s, k);
        }
    }

    public static Optional<Kind> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
