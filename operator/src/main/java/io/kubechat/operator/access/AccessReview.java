package io.kubechat.operator.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.crds.v1alpha1.AccessCheck;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Asks the API server, with SubjectAccessReviews, whether the requester holds every permission a
 * command needs. The operator's own rights play no part in the answer.
 *
 * <p>An allowed answer is reused for {@link #ALLOWED_FOR}, as the API server's own webhook authorizer
 * caches: the command then runs impersonating the requester, so a right revoked meanwhile is still
 * refused by the API server. A refusal is never reused, so a right just granted counts at once.
 */
public final class AccessReview {

    static final Duration ALLOWED_FOR = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Cache<AllowedKey, AccessCheck> allowed = Caffeine.newBuilder()
            .expireAfterWrite(ALLOWED_FOR).maximumSize(10_000).build();

    private record AllowedKey(String user, List<String> groups, AccessRequirement need) {
    }

    /** @param client a client allowed to create subjectaccessreviews (the operator's own identity) */
    public AccessReview(KubernetesClient client) {
        this.client = client;
    }

    public Authorization review(Identity requester, List<AccessRequirement> needs) {
        List<AccessCheck> checks = new ArrayList<>();
        for (AccessRequirement need : needs) {
            AllowedKey key = new AllowedKey(requester.user(), requester.groups() == null ? List.of() : List.copyOf(requester.groups()), need);
            AccessCheck known = allowed.getIfPresent(key);
            checks.add(known != null ? known : ask(requester, need, key));
        }
        List<AccessCheck> refused = checks.stream().filter(c -> !c.allowed()).toList();
        if (refused.isEmpty()) {
            return new Authorization(true, null, checks);
        }
        String reason = requester.user() + " may not " + refused.stream()
                .map(c -> describe(c) + (c.reason() == null ? "" : " (" + c.reason() + ")"))
                .collect(Collectors.joining("; "));
        return new Authorization(false, truncate(reason, 1024), checks);
    }

    private AccessCheck ask(Identity requester, AccessRequirement need, AllowedKey key) {
        SubjectAccessReviewStatus status = client.authorization().v1().subjectAccessReview().create(request(requester, need)).getStatus();
        boolean granted = status != null && Boolean.TRUE.equals(status.getAllowed()) && !Boolean.TRUE.equals(status.getDenied());
        AccessCheck check = new AccessCheck(need.verb(), need.group(), need.resource(), need.subresource(), need.namespace(),
                need.name(), granted, reasonOf(status));
        if (granted) {
            allowed.put(key, check);
        }
        return check;
    }

    private static SubjectAccessReview request(Identity requester, AccessRequirement need) {
        return new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(requester.user())
                .withGroups(requester.groups() == null ? List.of() : requester.groups())
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withVerb(need.verb())
                        .withGroup(need.group())
                        .withResource(need.resource())
                        .withSubresource(need.subresource())
                        .withNamespace(need.namespace())
                        .withName(need.name())
                        .build())
                .endSpec()
                .build();
    }

    private static String describe(AccessCheck check) {
        return new AccessRequirement(check.verb(), check.group(), check.resource(), check.subresource(), check.namespace(),
                check.name()).describe();
    }

    private static String reasonOf(SubjectAccessReviewStatus status) {
        if (status == null) {
            return "no answer from the authorizer";
        }
        String reason = status.getReason() != null && !status.getReason().isBlank() ? status.getReason() : status.getEvaluationError();
        return reason == null || reason.isBlank() ? null : truncate(reason, 1024);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
