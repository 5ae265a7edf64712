package io.kubechat.operator.access;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a kind as users and translators name it (Deployment, deployments, deploy, with or
 * without an apiVersion) to what the API server serves, from discovery. Discovery is cached per
 * group version; a miss refreshes once, so kinds of newly installed CRDs are found.
 */
public final class KindResolver {

    private final KubernetesClient client;
    private final Map<String, List<APIResource>> byGroupVersion = new ConcurrentHashMap<>();
    private volatile List<String> allGroupVersions;

    public KindResolver(KubernetesClient client) {
        this.client = client;
    }

    public Optional<ResourceKind> resolve(ResourceType type) {
        Optional<ResourceKind> found = find(type);
        if (found.isEmpty()) {
            byGroupVersion.clear();
            allGroupVersions = null;
            found = find(type);
        }
        return found;
    }

    /**
     * A resource as kubectl's --resource names it: "deployments", "deploy", or with its group,
     * "deployments.apps"; {@code group} is null when not written.
     */
    public Optional<ResourceKind> resolveResource(String name, String group) {
        Optional<ResourceKind> found = find(name, group, null);
        if (found.isEmpty()) {
            byGroupVersion.clear();
            allGroupVersions = null;
            found = find(name, group, null);
        }
        return found;
    }

    private Optional<ResourceKind> find(ResourceType type) {
        return find(type.kind(), null, type.apiVersion());
    }

    private Optional<ResourceKind> find(String name, String group, String apiVersion) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String groupVersion : groupVersions(apiVersion)) {
            if (group != null && !group.equals(groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "")) {
                continue;
            }
            for (APIResource resource : resources(groupVersion)) {
                if (names(resource).contains(wanted)) {
                    return Optional.of(toKind(groupVersion, resource));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> names(APIResource resource) {
        List<String> names = new ArrayList<>(List.of(resource.getKind().toLowerCase(Locale.ROOT), resource.getName()));
        if (resource.getSingularName() != null) {
            names.add(resource.getSingularName());
        }
        if (resource.getShortNames() != null) {
            names.addAll(resource.getShortNames());
        }
        return names;
    }

    /** The group versions to search: the one given, else core v1 then each group's preferred version. */
    private List<String> groupVersions(String apiVersion) {
        if (apiVersion != null) {
            return List.of(apiVersion);
        }
        List<String> cached = allGroupVersions;
        if (cached == null) {
            List<String> result = new ArrayList<>();
            result.add("v1");
            for (APIGroup group : client.getApiGroups().getGroups()) {
                result.add(group.getPreferredVersion().getGroupVersion());
            }
            cached = List.copyOf(result);
            allGroupVersions = cached;
        }
        return cached;
    }

    /** Top-level resources of a group version; subresources such as pods/log are left out. */
    private List<APIResource> resources(String groupVersion) {
        return byGroupVersion.computeIfAbsent(groupVersion, gv -> {
            APIResourceList list = client.getApiResources(gv);
            return list == null ? List.of() : list.getResources().stream().filter(r -> !r.getName().contains("/")).toList();
        });
    }

    private static ResourceKind toKind(String groupVersion, APIResource resource) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
        return new ResourceKind(group, version, resource.getName(), resource.getKind(), Boolean.TRUE.equals(resource.getNamespaced()));
    }
}
