package io.kubechat.nlp.embedded;

import java.util.Map;

/** Service types as people write them ("node port", "lb") in the spelling the API uses. */
final class ServiceTypes {

    private static final Map<String, String> NAMES = Map.of("clusterip", "ClusterIP", "nodeport", "NodePort",
            "loadbalancer", "LoadBalancer", "lb", "LoadBalancer");

    private ServiceTypes() {
    }

    static String canonical(String written) {
        return written == null ? null : NAMES.get(written.toLowerCase().replace("-", "").replace(" ", ""));
    }
}
