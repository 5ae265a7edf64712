package io.kubechat.operator.execute;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.CommandResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Changes to existing objects, with the semantics of the kubectl command of the same name. */
final class Writes {

    static final String FIELD_MANAGER = "kubechat";
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    private final Clock clock;
    private final boolean all;

    /** @param all the command's arguments.all: a write without name or selector may then change every object */
    Writes(Clock clock, boolean all) {
        this.clock = clock;
        this.all = all;
    }

    CommandResult scale(Target target, int replicas) {
        return each(target, (object, resource) -> {
            resource.subresource("scale").patch(merge(), json(Map.of("spec", Map.of("replicas", replicas))));
            return target.qualified(name(object)) + " scaled to " + replicas;
        });
    }

    /** kubectl label / annotate: add or overwrite (only with overwrite), and remove keys. */
    CommandResult metadata(Target target, String field, Map<String, String> add, List<String> remove, boolean overwrite) {
        String noun = "labels".equals(field) ? "labeled" : "annotated";
        return each(target, (object, resource) -> {
            Map<String, String> current = "labels".equals(field) ? object.getMetadata().getLabels() : object.getMetadata().getAnnotations();
            Map<String, Object> changes = new LinkedHashMap<>();
            for (var entry : (add == null ? Map.<String, String>of() : add).entrySet()) {
                String existing = current == null ? null : current.get(entry.getKey());
                if (existing != null && !existing.equals(entry.getValue()) && !overwrite) {
                    throw new CommandRefusedException("'" + entry.getKey() + "' already has a value (" + existing
                            + ") on " + target.qualified(name(object)) + ", and overwrite is false");
                }
                changes.put(entry.getKey(), entry.getValue());
            }
            for (String key : remove == null ? List.<String>of() : remove) {
                changes.put(key, null);
            }
            resource.patch(merge(), json(Map.of("metadata", Map.of(field, changes))));
            return target.qualified(name(object)) + " " + noun;
        });
    }

    /** kubectl set image: containers by name, or every container with the name *. */
    CommandResult setImage(Target target, Map<String, String> images) {
        return each(target, (object, resource) -> {
            List<Map<String, Object>> containers = containersOf(target, object);
            List<Map<String, Object>> updates = new ArrayList<>();
            for (var image : images.entrySet()) {
                boolean found = false;
                for (Map<String, Object> container : containers) {
                    if (image.getKey().equals("*") || image.getKey().equals(container.get("name"))) {
                        updates.add(Map.of("name", container.get("name"), "image", image.getValue()));
                        found = true;
                    }
                }
                if (!found) {
                    throw new CommandRefusedException("unable to find container named \"" + image.getKey() + "\" in " + target.qualified(name(object)));
                }
            }
            Map<String, Object> podSpec = Map.of("containers", updates);
            Object patch = "Pod".equals(target.kind().kind()) ? Map.of("spec", podSpec) : Map.of("spec", Map.of("template", Map.of("spec", podSpec)));
            resource.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), json(patch));
            return target.qualified(name(object)) + " image updated";
        });
    }

    /**
     * kubectl set env: variables added or replaced and removed by name, in every container or the one
     * named. A ConfigMap or Secret given with --from becomes one reference per key, read as the requester;
     * its values are never copied into the workload nor into the command.
     */
    CommandResult setEnv(Target target, CommandArguments args) {
        requirePodTemplate(target);
        List<Map<String, Object>> variables = new ArrayList<>();
        new TreeMap<>(args.env() == null ? Map.<String, String>of() : args.env())
                .forEach((name, value) -> variables.add(Map.of("name", name, "value", value)));
        if (args.envFrom() != null) {
            variables.addAll(referencesTo(target, args.envFrom()));
        }
        for (String name : args.removeEnv() == null ? List.<String>of() : args.removeEnv()) {
            variables.add(Map.of("name", name, "$patch", "delete"));
        }
        return eachContainer(target, args.container(), "env updated", container -> Map.of("env", variables));
    }

    /** kubectl set resources: requests and limits of every container, or the one named. */
    CommandResult setResources(Target target, CommandArguments args) {
        requirePodTemplate(target);
        Map<String, Object> resources = new LinkedHashMap<>();
        if (args.requests() != null) {
            resources.put("requests", args.requests());
        }
        if (args.limits() != null) {
            resources.put("limits", args.limits());
        }
        return eachContainer(target, args.container(), "resource requirements updated", container -> Map.of("resources", resources));
    }

    /** kubectl set serviceaccount: the pods of the workload run as another service account. */
    CommandResult setServiceAccount(Target target, String serviceAccount) {
        requirePodTemplate(target);
        return each(target, (object, resource) -> {
            resource.patch(merge(), json(Map.of("spec", Map.of("template", Map.of("spec", Map.of("serviceAccountName", serviceAccount))))));
            return target.qualified(name(object)) + " serviceaccount updated";
        });
    }

    /** One strategic-merge patch per object, changing each container the command addresses. */
    private CommandResult eachContainer(Target target, String only, String done, Function<String, Map<String, Object>> change) {
        return each(target, (object, resource) -> {
            List<Map<String, Object>> updates = new ArrayList<>();
            for (Map<String, Object> container : containersOf(target, object)) {
                String containerName = (String) container.get("name");
                if (only == null || only.equals(containerName)) {
                    Map<String, Object> update = new LinkedHashMap<>(change.apply(containerName));
                    update.put("name", containerName);
                    updates.add(update);
                }
            }
            if (updates.isEmpty()) {
                throw new CommandRefusedException("unable to find container named \"" + only + "\" in " + target.qualified(name(object)));
            }
            resource.patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                    json(Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", updates))))));
            return target.qualified(name(object)) + " " + done;
        });
    }

    /** kubectl set env --from: a valueFrom reference for every key of the ConfigMap or Secret. */
    private static List<Map<String, Object>> referencesTo(Target target, String source) {
        String[] kindAndName = source.split("/", 2);
        boolean secret = "secret".equals(kindAndName[0]);
        var client = target.client();
        Map<String, ?> data;
        if (secret) {
            var found = client.secrets().inNamespace(target.namespace()).withName(kindAndName[1]).get();
            if (found == null) {
                throw new ObjectNotFoundException("secret/" + kindAndName[1] + " not found in namespace " + target.namespace());
            }
            data = found.getData() == null ? Map.of() : found.getData();
        } else {
            var found = client.configMaps().inNamespace(target.namespace()).withName(kindAndName[1]).get();
            if (found == null) {
                throw new ObjectNotFoundException("configmap/" + kindAndName[1] + " not found in namespace " + target.namespace());
            }
            data = found.getData() == null ? Map.of() : found.getData();
        }
        String refType = secret ? "secretKeyRef" : "configMapKeyRef";
        List<Map<String, Object>> references = new ArrayList<>();
        for (String key : new TreeSet<>(data.keySet())) {
            String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            references.add(Map.of("name", variable, "valueFrom", Map.of(refType, Map.of("name", kindAndName[1], "key", key))));
        }
        return references;
    }

    /** kubectl rollout restart: a new pod template annotation makes the controller replace every pod. */
    CommandResult restart(Target target) {
        requirePodTemplate(target);
        String now = clock.instant().toString();
        return each(target, (object, resource) -> {
            resource.patch(merge(), json(Map.of("spec", Map.of("template", Map.of("metadata",
                    Map.of("annotations", Map.of("kubectl.kubernetes.io/restartedAt", now)))))));
            return target.qualified(name(object)) + " restarted";
        });
    }

    CommandResult pause(Target target, boolean paused) {
        if (!"Deployment".equals(target.kind().kind())) {
            throw new CommandRefusedException("only deployments can be paused and resumed, not " + target.kind().plural());
        }
        return each(target, (object, resource) -> {
            resource.patch(merge(), json(Map.of("spec", Map.of("paused", paused))));
            return target.qualified(name(object)) + (paused ? " paused" : " resumed");
        });
    }

    CommandResult patch(Target target, CommandArguments arguments) {
        if (arguments == null || arguments.patch() == null) {
            throw new CommandRefusedException("patch needs arguments.patch");
        }
        PatchType type = switch (arguments.patchType() == null ? "merge" : arguments.patchType()) {
            case "strategic" -> PatchType.STRATEGIC_MERGE;
            case "json" -> PatchType.JSON;
            default -> PatchType.JSON_MERGE;
        };
        return each(target, (object, resource) -> {
            resource.patch(new PatchContext.Builder().withPatchType(type).withFieldManager(FIELD_MANAGER).build(), arguments.patch());
            return target.qualified(name(object)) + " patched";
        });
    }

    /** Server-side apply, as kubectl apply --server-side: conflicts with other managers are reported, not forced. */
    CommandResult apply(Target target, Object manifest) {
        GenericKubernetesResource object = Serialization.unmarshal(Serialization.asJson(manifest), GenericKubernetesResource.class);
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new CommandRefusedException("the manifest needs metadata.name");
        }
        String declared = object.getMetadata().getNamespace();
        if (target.kind().namespaced() && declared != null && !declared.equals(target.namespace())) {
            throw new CommandRefusedException("the manifest's namespace " + declared + " differs from the command's, " + target.namespace());
        }
        if (!target.kind().kind().equals(object.getKind())) {
            throw new CommandRefusedException("the manifest is a " + object.getKind() + ", the command says " + target.kind().kind());
        }
        target.resource(object).fieldManager(FIELD_MANAGER).serverSideApply();
        return summary(target.qualified(object.getMetadata().getName()) + " serverside-applied");
    }

    CommandResult delete(Target target, Integer gracePeriodSeconds) {
        List<String> lines = new ArrayList<>();
        List<GenericKubernetesResource> objects = target.name() != null && target.one().get() == null ? List.of() : target.matchingForWrite(all);
        if (objects.isEmpty()) {
            return summary(target.name() != null ? target.qualified(target.name()) + " was already gone" : "No resources found");
        }
        for (GenericKubernetesResource object : objects) {
            var resource = resourceOf(target, object);
            var deleted = gracePeriodSeconds == null ? resource.delete() : resource.withGracePeriod(gracePeriodSeconds).delete();
            lines.add(target.qualified(name(object)) + (deleted.isEmpty() ? " was already gone" : " deleted"));
        }
        return lines(lines);
    }

    /** Applies {@code change} to every object the target matches, each in its own namespace. */
    private CommandResult each(Target target,
            BiFunction<GenericKubernetesResource, Resource<GenericKubernetesResource>, String> change) {
        List<GenericKubernetesResource> objects = target.matchingForWrite(all);
        if (objects.isEmpty()) {
            throw new ObjectNotFoundException("no " + target.kind().plural() + " match the selector");
        }
        List<String> lines = new ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            lines.add(change.apply(object, resourceOf(target, object)));
        }
        return lines(lines);
    }

    private static Resource<GenericKubernetesResource> resourceOf(Target target, GenericKubernetesResource object) {
        return new Target(target.client(), target.kind(), object.getMetadata().getNamespace(), null, null).one(name(object));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containersOf(Target target, GenericKubernetesResource object) {
        Map<String, Object> spec = (Map<String, Object>) object.getAdditionalProperties().get("spec");
        if (!"Pod".equals(target.kind().kind())) {
            requirePodTemplate(target);
            spec = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        }
        return (List<Map<String, Object>>) spec.get("containers");
    }

    private static void requirePodTemplate(Target target) {
        if (!POD_TEMPLATE_KINDS.contains(target.kind().kind())) {
            throw new CommandRefusedException(target.kind().plural() + " have no pod template to roll out");
        }
    }

    static CommandResult summary(String line) {
        return new CommandResult(line, null, null, null, false, null);
    }

    static CommandResult lines(List<String> lines) {
        if (lines.size() == 1) {
            return summary(lines.get(0));
        }
        return new CommandResult(lines.size() + " objects changed", null, null, String.join("\n", lines), false, lines.size());
    }

    private static PatchContext merge() {
        return new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build();
    }

    private static String name(GenericKubernetesResource object) {
        return object.getMetadata().getName();
    }

    private static String json(Object value) {
        return Serialization.asJson(value);
    }
}
