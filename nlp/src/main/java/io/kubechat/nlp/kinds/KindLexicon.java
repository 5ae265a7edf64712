package io.kubechat.nlp.kinds;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every built-in kind the translator knows, looked up by kind, resource name, short name or everyday phrase. */
public final class KindLexicon {

    /**
     * KubeChat's own kinds; every one is namespaced, sessions and commands in the sessions namespace. Their
     * short names cs and ep are left out: kubectl gives them to componentstatuses and endpoints first.
     */
    public static final String KUBECHAT_API = "kubechat.io/v1alpha1";

    private static final KindLexicon DEFAULT = new KindLexicon(List.of(
            kind("Pod", "v1", "pods", true, List.of("po"), "pod", "pods"),
            kind("Deployment", "apps/v1", "deployments", true, List.of("deploy"),
                    "deployment", "deployments", "deploys", "deployment's"),
            kind("Service", "v1", "services", true, List.of("svc"), "service", "services", "svcs"),
            kind("Node", "v1", "nodes", false, List.of("no"), "node", "nodes", "worker nodes", "worker node"),
            kind("Namespace", "v1", "namespaces", false, List.of("ns"), "namespace", "namespaces"),
            kind("ConfigMap", "v1", "configmaps", true, List.of("cm"),
                    "configmap", "configmaps", "config map", "config maps", "configuration map"),
            kind("Secret", "v1", "secrets", true, List.of(), "secret", "secrets"),
            kind("Ingress", "networking.k8s.io/v1", "ingresses", true, List.of("ing"), "ingress", "ingresses", "ingresss"),
            kind("PersistentVolumeClaim", "v1", "persistentvolumeclaims", true, List.of("pvc"),
                    "pvc", "pvcs", "volume claim", "volume claims", "persistent volume claim",
                    "persistent volume claims", "persistentvolumeclaim"),
            kind("PersistentVolume", "v1", "persistentvolumes", false, List.of("pv"),
                    "pv", "pvs", "persistent volume", "persistent volumes", "persistentvolume", "volumes"),
            kind("StatefulSet", "apps/v1", "statefulsets", true, List.of("sts"),
                    "statefulset", "statefulsets", "stateful set", "stateful sets"),
            kind("DaemonSet", "apps/v1", "daemonsets", true, List.of("ds"),
                    "daemonset", "daemonsets", "daemon set", "daemon sets"),
            kind("Job", "batch/v1", "jobs", true, List.of(), "job", "jobs"),
            kind("CronJob", "batch/v1", "cronjobs", true, List.of("cj"),
                    "cronjob", "cronjobs", "cron job", "cron jobs", "scheduled job", "scheduled jobs"),
            kind("ReplicaSet", "apps/v1", "replicasets", true, List.of("rs"),
                    "replicaset", "replicasets", "replica set", "replica sets"),
            kind("Event", "v1", "events", true, List.of("ev"), "event", "events"),
            kind("ServiceAccount", "v1", "serviceaccounts", true, List.of("sa"),
                    "serviceaccount", "serviceaccounts", "service account", "service accounts"),
            kind("Role", "rbac.authorization.k8s.io/v1", "roles", true, List.of(), "role", "roles"),
            kind("RoleBinding", "rbac.authorization.k8s.io/v1", "rolebindings", true, List.of(),
                    "rolebinding", "rolebindings", "role binding", "role bindings"),
            kind("ClusterRole", "rbac.authorization.k8s.io/v1", "clusterroles", false, List.of(),
                    "clusterrole", "clusterroles", "cluster role", "cluster roles"),
            kind("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "clusterrolebindings", false, List.of(),
                    "clusterrolebinding", "clusterrolebindings", "cluster role binding", "cluster role bindings"),
            kind("HorizontalPodAutoscaler", "autoscaling/v2", "horizontalpodautoscalers", true, List.of("hpa"),
                    "hpa", "hpas", "autoscaler", "autoscalers", "horizontal pod autoscaler",
                    "horizontal pod autoscalers", "horizontalpodautoscaler"),
            kind("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies", true, List.of("netpol"),
                    "networkpolicy", "networkpolicies", "network policy", "network policies", "netpols"),
            kind("Endpoints", "v1", "endpoints", true, List.of("ep"), "endpoint", "endpoints"),
            kind("EndpointSlice", "discovery.k8s.io/v1", "endpointslices", true, List.of(),
                    "endpointslice", "endpointslices", "endpoint slice", "endpoint slices"),
            kind("StorageClass", "storage.k8s.io/v1", "storageclasses", false, List.of("sc"),
                    "storageclass", "storageclasses", "storage class", "storage classes"),
            kind("CustomResourceDefinition", "apiextensions.k8s.io/v1", "customresourcedefinitions", false,
                    List.of("crd", "crds"), "customresourcedefinition", "customresourcedefinitions",
                    "custom resource definition", "custom resource definitions", "custom resources"),
            kind("ResourceQuota", "v1", "resourcequotas", true, List.of("quota"),
                    "resourcequota", "resourcequotas", "resource quota", "resource quotas", "quotas"),
            kind("LimitRange", "v1", "limitranges", true, List.of("limits"),
                    "limitrange", "limitranges", "limit range", "limit ranges"),
            kind("PodDisruptionBudget", "policy/v1", "poddisruptionbudgets", true, List.of("pdb"),
                    "pdb", "pdbs", "poddisruptionbudget", "poddisruptionbudgets", "disruption budget",
                    "disruption budgets", "pod disruption budget", "pod disruption budgets"),
            kind("Lease", "coordination.k8s.io/v1", "leases", true, List.of(), "lease", "leases"),
            kind("PriorityClass", "scheduling.k8s.io/v1", "priorityclasses", false, List.of("pc"),
                    "priorityclass", "priorityclasses", "priority class", "priority classes"),
            kind("IngressClass", "networking.k8s.io/v1", "ingressclasses", false, List.of(),
                    "ingressclass", "ingressclasses", "ingress class", "ingress classes"),
            kind("ControllerRevision", "apps/v1", "controllerrevisions", true, List.of(),
                    "controllerrevision", "controllerrevisions", "controller revisions"),
            kind("ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1",
                    "validatingwebhookconfigurations", false, List.of(),
                    "validatingwebhookconfiguration", "validatingwebhookconfigurations", "validating webhooks"),
            kind("MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1",
                    "mutatingwebhookconfigurations", false, List.of(),
                    "mutatingwebhookconfiguration", "mutatingwebhookconfigurations", "mutating webhooks"),
            kind("CertificateSigningRequest", "certificates.k8s.io/v1", "certificatesigningrequests", false,
                    List.of("csr"), "csrs", "certificatesigningrequest", "certificate signing request",
                    "certificate signing requests"),
            kind("RuntimeClass", "node.k8s.io/v1", "runtimeclasses", false, List.of(),
                    "runtimeclass", "runtimeclasses", "runtime class", "runtime classes"),
            kind("APIService", "apiregistration.k8s.io/v1", "apiservices", false, List.of(),
                    "apiservice", "apiservices", "api services"),
            kind("ChatSession", KUBECHAT_API, "chatsessions", true, List.of(), "chatsession", "chatsessions",
                    "chat session", "chat sessions", "kubechat session", "kubechat sessions", "kubechat chatsessions",
                    "kubechat chat sessions"),
            kind("CommandExecution", KUBECHAT_API, "commandexecutions", true, List.of("ce"), "commandexecution",
                    "commandexecutions", "command execution", "command executions", "kubechat commandexecutions",
                    "kubechat command executions"),
            kind("ExecutionPolicy", KUBECHAT_API, "executionpolicies", true, List.of(), "executionpolicy",
                    "executionpolicies", "execution policy", "execution policies"),
            kind("ClusterConnection", KUBECHAT_API, "clusterconnections", true, List.of("cc"), "clusterconnection",
                    "clusterconnections", "cluster connection", "cluster connections")));

    private final List<KindInfo> kinds;
    private final Map<String, KindInfo> byWord = new HashMap<>();
    private final Map<String, KindInfo> byKind = new HashMap<>();
    private final int longestPhrase;

    KindLexicon(List<KindInfo> kinds) {
        this.kinds = List.copyOf(kinds);
        int longest = 1;
        for (KindInfo info : kinds) {
            byKind.put(info.kind(), info);
            byWord.put(info.singular(), info);
            byWord.put(info.plural(), info);
            info.shortNames().forEach(s -> byWord.put(s, info));
            for (String phrase : info.phrases()) {
                byWord.put(phrase, info);
                longest = Math.max(longest, phrase.split(" ").length);
            }
        }
        this.longestPhrase = longest;
    }

    public static KindLexicon builtIn() {
        return DEFAULT;
    }

    /** The kind a word or phrase names, in lower case ("deploy", "config map", "pvcs"). */
    public Optional<KindInfo> lookup(String words) {
        return Optional.ofNullable(byWord.get(words.toLowerCase(Locale.ROOT)));
    }

    public Optional<KindInfo> byKind(String kind) {
        return Optional.ofNullable(kind == null ? null : byKind.get(kind));
    }

    /** Every word and phrase that names a kind. */
    public Collection<String> phrases() {
        return List.copyOf(byWord.keySet());
    }

    public List<KindInfo> all() {
        return kinds;
    }

    public int longestPhrase() {
        return longestPhrase;
    }

    private static KindInfo kind(String kind, String apiVersion, String plural, boolean namespaced,
                                 List<String> shortNames, String... phrases) {
        return new KindInfo(kind, apiVersion, plural, namespaced, shortNames, List.of(phrases));
    }
}
