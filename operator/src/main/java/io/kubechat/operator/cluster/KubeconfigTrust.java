package io.kubechat.operator.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a kubeconfig from a Secret may be used by the operator. Whoever writes that Secret must not
 * thereby run programs in the operator's container (exec credential plugins, auth providers), read its
 * files (certificate, key and token paths: its own service account token among them), choose who it
 * impersonates, or have it talk to a server it does not verify. Only inline credentials pass.
 * Checked on the parsed document, before any client library acts on it.
 */
final class KubeconfigTrust {

    static final String UNTRUSTED = "UntrustedKubeconfig";

    private KubeconfigTrust() {
    }

    /** What in the kubeconfig is refused, if anything. */
    static Optional<String> refusal(String kubeconfig) {
        Config config = KubeConfigUtils.parseConfigFromString(kubeconfig);
        List<String> refused = new ArrayList<>();
        for (NamedAuthInfo named : config.getUsers() == null ? List.<NamedAuthInfo>of() : config.getUsers()) {
            AuthInfo user = named.getUser();
            if (user == null) {
                continue;
            }
            String who = "user " + named.getName();
            if (user.getExec() != null) {
                refused.add(who + " runs an exec credential plugin");
            }
            if (user.getAuthProvider() != null) {
                refused.add(who + " uses an auth-provider");
            }
            if (user.getClientCertificate() != null || user.getClientKey() != null) {
                refused.add(who + " reads client-certificate or client-key from a file");
            }
            if (user.getTokenFile() != null) {
                refused.add(who + " reads tokenFile from a file");
            }
            if (user.getAs() != null || user.getAsGroups() != null && !user.getAsGroups().isEmpty() || user.getAsUid() != null
                    || user.getAsUserExtra() != null && !user.getAsUserExtra().isEmpty()) {
                refused.add(who + " sets its own impersonation");
            }
        }
        for (NamedCluster named : config.getClusters() == null ? List.<NamedCluster>of() : config.getClusters()) {
            Cluster cluster = named.getCluster();
            if (cluster == null) {
                continue;
            }
            String which = "cluster " + named.getName();
            if (cluster.getCertificateAuthority() != null) {
                refused.add(which + " reads certificate-authority from a file");
            }
            if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
                refused.add(which + " skips TLS verification");
            }
        }
        return refused.isEmpty() ? Optional.empty()
                : Optional.of("refused: " + String.join("; ", refused) + "; only inline credentials and certificate authorities are accepted");
    }
}
