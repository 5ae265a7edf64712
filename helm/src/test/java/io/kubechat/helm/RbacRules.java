package io.kubechat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** RBAC rules flattened to comparable "scope group/resource[/name] verb" permissions. */
final class RbacRules {

    private RbacRules() {
    }

    static JsonNode read(Path rulesFile) {
        try {
            return Rendered.YAML.readTree(rulesFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param scope where the rules apply, such as "cluster" or "release namespace" */
    static Set<String> permissions(String scope, JsonNode rules) {
        Set<String> out = new TreeSet<>();
        for (JsonNode rule : rules) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        String target = group.asText() + "/" + resource.asText();
                        if (rule.path("resourceNames").isEmpty()) {
                            out.add(scope + " " + target + " " + verb.asText());
                        } else {
                            for (JsonNode name : rule.path("resourceNames")) {
                                out.add(scope + " " + target + "/" + name.asText() + " " + verb.asText());
                            }
                        }
                    }
                }
            }
            for (JsonNode url : rule.path("nonResourceURLs")) {
                for (JsonNode verb : rule.path("verbs")) {
                    out.add(scope + " " + url.asText() + " " + verb.asText());
                }
            }
        }
        return out;
    }
}
