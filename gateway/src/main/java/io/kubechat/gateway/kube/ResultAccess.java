package io.kubechat.gateway.kube;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.crds.v1alpha1.AccessCheck;
import io.kubechat.crds.v1alpha1.Authorization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.crds.v1alpha1.Identity;
import io.kubechat.gateway.auth.WebUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whether a web user may read the result of a command. A result is a copy of what the command read (logs, objects,
 * descriptions) and belongs to whoever may read those: the requester, and anyone the API server allows every access
 * the operator checked for the requester (status.authorization.checks), asked as the reader. Being an approver,
 * an auditor or a member of a shared session gives the command and its risk, not this copy.
 */
@ApplicationScoped
public class ResultAccess {

    /** Short, so that a revoked RoleBinding takes effect within seconds, as it does in the operator's cache. */
    private final Cache<Key, Boolean> answers = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(50_000).build();
    private final KubeAccess kube;

    public ResultAccess(KubeAccess kube) {
        this.kube = kube;
    }

    private record Key(String user, List<String> groups, AccessCheck check) {
    }

    public boolean mayRead(WebUser reader, CommandExecution ce) {
        Identity requester = ce.getSpec() == null ? null : ce.getSpec().requester();
        if (requester != null && Objects.equals(requester.user(), reader.kubernetes().user())) {
            return true;
        }
        // Rights in another cluster cannot be asked of this one.
        if (ce.getSpec().cluster() != null && !ce.getSpec().cluster().isBlank() && !"local".equals(ce.getSpec().cluster())) {
            return false;
        }
        Authorization authorization = ce.getStatus() == null ? null : ce.getStatus().authorization();
        if (authorization == null || !Boolean.TRUE.equals(authorization.allowed()) || authorization.checks() == null
                || authorization.checks().isEmpty()) {
            return false;
        }
        for (AccessCheck check : authorization.checks()) {
            if (!allowed(reader, check)) {
                return false;
            }
        }
        return true;
    }

    private boolean allowed(WebUser reader, AccessCheck check) {
        Key key = new Key(reader.kubernetes().user(), reader.kubernetes().groups(),
                new AccessCheck(check.verb(), check.group(), check.resource(), check.subresource(), check.namespace(), check.name(), null, null));
        return answers.get(key, k -> ask(reader, check));
    }

    private boolean ask(WebUser reader, AccessCheck check) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(check.verb()).withGroup(check.group())
                        .withResource(check.resource()).withSubresource(check.subresource()).withNamespace(check.namespace())
                        .withName(check.name()).build())
                .endSpec().build();
        try {
            SelfSubjectAccessReview answer = kube.as(reader).authorization().v1().selfSubjectAccessReview().create(review);
            return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (KubernetesClientException e) {
            // No answer is no permission: the result stays hidden.
            return false;
        }
    }
}
