package io.kubechat.operator.access;

/**
 * One permission a command needs, in the terms of a SubjectAccessReview's resource attributes.
 * A null namespace means cluster-wide (or every namespace); a null name means any object.
 */
public record AccessRequirement(String verb, String group, String resource, String subresource, String namespace, String name) {

    static AccessRequirement on(String verb, ResourceKind kind, String namespace, String name) {
        return new AccessRequirement(verb, kind.group(), kind.plural(), null, kind.namespaced() ? namespace : null, name);
    }

    static AccessRequirement onSubresource(String verb, ResourceKind kind, String subresource, String namespace, String name) {
        return new AccessRequirement(verb, kind.group(), kind.plural(), subresource, kind.namespaced() ? namespace : null, name);
    }

    /** As kubectl auth can-i would phrase it, for messages. */
    public String describe() {
        StringBuilder s = new StringBuilder(verb).append(' ').append(resource);
        if (subresource != null) {
            s.append('/').append(subresource);
        }
        if (!group.isEmpty()) {
            s.append('.').append(group);
        }
        if (name != null) {
            s.append(' ').append(name);
        }
        s.append(namespace == null ? " (cluster-wide)" : " in namespace " + namespace);
        return s.toString();
    }
}
