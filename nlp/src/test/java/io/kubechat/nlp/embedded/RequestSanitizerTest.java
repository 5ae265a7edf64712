package io.kubechat.nlp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSanitizerTest {

    private final RequestSanitizer sanitizer = new RequestSanitizer();

    @Test
    void cutsAtShellSyntax() {
        for (String attack : new String[] {"get pods; ls", "get pods && ls", "get pods | ls", "get pods `ls`",
                "get pods $(ls)", "get pods > x", "get pods\nls", "get pods & ls"}) {
            SanitizedRequest clean = sanitizer.sanitize(attack);
            assertThat(clean.text()).as(attack).isEqualTo("get pods");
            assertThat(clean.dropped()).as(attack).hasSize(1);
        }
    }

    @Test
    void dropsIdentityFlagsWithTheirValuesWithoutEchoingThem() {
        SanitizedRequest clean = sanitizer.sanitize("kubectl get pods --token s3cret --as=admin -n shop --kubeconfig /k");
        assertThat(clean.text()).isEqualTo("kubectl get pods -n shop");
        assertThat(clean.dropped()).hasSize(3).noneMatch(d -> d.contains("s3cret") || d.contains("/k "));
    }

    @Test
    void keepsUserOnlyAsTheSubjectOfABindingItCreates() {
        assertThat(sanitizer.sanitize("kubectl create rolebinding dave-edit --clusterrole=edit --user=dave -n shop").text())
                .isEqualTo("kubectl create rolebinding dave-edit --clusterrole=edit --user=dave -n shop");
        assertThat(sanitizer.sanitize("kubectl delete rolebinding dave-edit --user=admin -n shop").text())
                .isEqualTo("kubectl delete rolebinding dave-edit -n shop");
        assertThat(sanitizer.sanitize("kubectl get pods --user admin").text()).isEqualTo("kubectl get pods");
    }

    @Test
    void aRoleMayAllowSeveralVerbsButOtherRequestsStillDoOneThing() {
        assertThat(sanitizer.sanitize("create role r that can get, list and update deployments").text())
                .isEqualTo("create role r that can get, list and update deployments");
        assertThat(sanitizer.sanitize("restart api and update the image").text()).isEqualTo("restart api");
    }

    @Test
    void dropsASecondCommand() {
        assertThat(sanitizer.sanitize("scale api to 3 and then delete it").text()).isEqualTo("scale api to 3");
        assertThat(sanitizer.sanitize("restart api and delete pod x").text()).isEqualTo("restart api");
        assertThat(sanitizer.sanitize("show cpu and memory of pods").text()).isEqualTo("show cpu and memory of pods");
    }

    @Test
    void removesInvisibleCharactersAndBoundsLength() {
        assertThat(sanitizer.sanitize("get\u200Bpods\u202E").text()).isEqualTo("get pods");
        assertThat(sanitizer.sanitize("a".repeat(10_000)).text()).hasSize(RequestSanitizer.MAX_LENGTH);
        assertThat(sanitizer.sanitize(null).text()).isEmpty();
    }

    @Test
    void dropsRequestsToActAsSomeoneElse() {
        SanitizedRequest clean = sanitizer.sanitize("sudo list secrets as cluster-admin");
        assertThat(clean.text()).doesNotContain("sudo").doesNotContain("cluster-admin");
        assertThat(clean.dropped()).isNotEmpty();
    }
}
