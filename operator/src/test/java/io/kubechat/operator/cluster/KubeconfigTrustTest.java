package io.kubechat.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeconfigTrustTest {

    private static String kubeconfig(String user, String cluster) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://10.0.0.1:6443
                %s
                users:
                - name: u
                  user:
                %s
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """.formatted(cluster.indent(4).stripTrailing(), user.indent(4).stripTrailing());
    }

    @Test
    void inlineCredentialsAndAuthorityAreAccepted() {
        assertThat(KubeconfigTrust.refusal(kubeconfig("client-certificate-data: eA==\nclient-key-data: eA==",
                "certificate-authority-data: eA=="))).isEmpty();
        assertThat(KubeconfigTrust.refusal(kubeconfig("token: abc", "certificate-authority-data: eA=="))).isEmpty();
    }

    /** Lines of a user are separated by "; " here. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, id]}|certificate-authority-data: eA==|exec credential plugin",
            "auth-provider: {name: oidc, config: {id-token: x}}|certificate-authority-data: eA==|auth-provider",
            "client-certificate: /etc/x.crt; client-key: /etc/x.key|certificate-authority-data: eA==|client-key from a file",
            "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token|certificate-authority-data: eA==|tokenFile",
            "token: x; as: system:admin|certificate-authority-data: eA==|impersonation",
            "token: x; as-groups: [system:masters]|certificate-authority-data: eA==|impersonation",
            "token: x|certificate-authority: /etc/ca.crt|certificate-authority from a file",
            "token: x|insecure-skip-tls-verify: true|skips TLS verification"})
    void whatReachesIntoTheOperatorOrSkipsVerificationIsRefused(String user, String cluster, String said) {
        assertThat(KubeconfigTrust.refusal(kubeconfig(user.replace("; ", "\n"), cluster))).hasValueSatisfying(r -> assertThat(r).contains(said));
    }

    @Test
    void aRefusedUserOutsideTheCurrentContextStillCounts() {
        String config = kubeconfig("token: x", "certificate-authority-data: eA==");
        String withSpare = config.replace("contexts:", "- name: spare\n  user:\n    exec: {apiVersion: v1, command: /bin/true}\ncontexts:");
        assertThat(KubeconfigTrust.refusal(withSpare)).hasValueSatisfying(r -> assertThat(r).contains("user spare"));
    }
}
