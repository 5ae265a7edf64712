package io.kubechat.nlp.embedded;

import io.kubechat.nlp.kinds.KindInfo;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.resolve.NameResolver;
import io.kubechat.nlp.resolve.NameResolver.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches a name from a request to the objects the requester can see: exactly, then with a small
 * typo ("chekout"), then as the prefix of a generated name ("checkout" for its pods). Objects in
 * the session's namespace come first; then the kinds in the order the verb prefers them.
 */
final class Grounding {

    /** The objects a name may mean, best first; empty when it names nothing visible. */
    record Matches(List<ObjectRef> objects, boolean corrected) {
    }

    private final KindLexicon kinds;
    private final NameResolver resolver;

    Grounding(KindLexicon kinds, NameResolver resolver) {
        this.kinds = kinds;
        this.resolver = resolver;
    }

    /**
     * @param wanted the kinds the name may be, preferred first
     * @param namespace where to look; null for every namespace the requester can see
     * @param session the session's namespace, preferred when {@code namespace} is null
     */
    Matches find(String name, List<KindInfo> wanted, String namespace, String session) {
        List<ObjectRef> visible = resolver.visible(wanted, namespace);
        List<ObjectRef> found = visible.stream().filter(o -> o.name().equals(name)).toList();
        boolean corrected = false;
        if (found.isEmpty()) {
            int allowed = allowedTypos(name);
            int nearest = visible.stream().mapToInt(o -> distance(name, o.name())).min().orElse(allowed + 1);
            found = nearest > allowed ? List.of() : visible.stream().filter(o -> distance(name, o.name()) == nearest).toList();
            corrected = !found.isEmpty();
        }
        if (found.isEmpty()) {
            found = visible.stream().filter(o -> o.name().startsWith(name + "-")).toList();
            corrected = !found.isEmpty();
        }
        if (namespace == null) {
            List<ObjectRef> here = found.stream().filter(o -> session.equals(o.namespace())).toList();
            if (!here.isEmpty()) {
                found = here;
            }
        }
        List<ObjectRef> ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparingInt((ObjectRef o) -> wanted.indexOf(o.kind())));
        return new Matches(List.copyOf(ordered), corrected);
    }

    /** The best object per namespace: what a request that names no namespace may mean. */
    static List<ObjectRef> bestPerNamespace(List<ObjectRef> matches) {
        Map<String, ObjectRef> best = new LinkedHashMap<>();
        matches.forEach(o -> best.putIfAbsent(Objects.toString(o.namespace(), "") + "/" + o.name(), o));
        return List.copyOf(best.values());
    }

    /** The namespace the requester can see that {@code written} names, allowing a small typo; null when none. */
    String namespace(String written) {
        List<ObjectRef> namespaces = resolver.visible(List.of(kinds.byKind("Namespace").orElseThrow()), null);
        if (namespaces.isEmpty() || namespaces.stream().anyMatch(n -> n.name().equals(written))) {
            // a requester who may not list namespaces still names one that exists
            return written;
        }
        List<String> close = namespaces.stream().map(ObjectRef::name)
                .filter(n -> distance(written, n) <= allowedTypos(written)).toList();
        return close.size() == 1 ? close.get(0) : null;
    }

    boolean isNamespace(String name) {
        return resolver.visible(List.of(kinds.byKind("Namespace").orElseThrow()), null).stream()
                .anyMatch(n -> n.name().equals(name));
    }

    /** The one namespace holding every visible object of the kind, or null when none or several do. */
    String onlyNamespace(KindInfo kind) {
        Set<String> namespaces = resolver.visible(List.of(kind), null).stream().map(ObjectRef::namespace)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        return namespaces.size() == 1 ? namespaces.iterator().next() : null;
    }

    /** Whether the requester may not list {@code kind} in {@code namespace}, so that no name there is known. */
    boolean unreadable(KindInfo kind, String namespace) {
        return !resolver.mayList(kind, namespace);
    }

    /** The names of the visible objects of these kinds in {@code namespace} (null: every namespace). */
    Set<String> names(List<KindInfo> wanted, String namespace) {
        return resolver.visible(wanted, namespace).stream().map(ObjectRef::name).collect(Collectors.toSet());
    }

    /** Whether an object of these kinds has exactly this name, in any namespace. */
    boolean hasExactly(String name, List<KindInfo> wanted) {
        return resolver.visible(wanted, null).stream().anyMatch(o -> o.name().equals(name));
    }

    /** Names close to {@code name} among the visible objects, for a question's choices. */
    List<ObjectRef> closest(String name, List<KindInfo> wanted, int limit) {
        return resolver.visible(wanted, null).stream()
                .filter(o -> distance(name, o.name()) <= Math.max(2, name.length() / 3) || o.name().contains(name))
                .sorted(Comparator.comparingInt(o -> distance(name, o.name())))
                .limit(limit).toList();
    }

    private static int allowedTypos(String name) {
        return name.length() >= 7 ? 2 : name.length() >= 4 ? 1 : 0;
    }

    /** Edits (insert, delete, substitute, swap two neighbours) from a to b; 3 stands for "too far". */
    static int distance(String a, String b) {
        return Math.abs(a.length() - b.length()) > 2 ? 3 : Typos.distance(a, b);
    }
}
