package io.kubechat.diagnosis;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A HorizontalPodAutoscaler that cannot read its metrics or sits at its maximum, and an Ingress whose
 * backend Service or port does not exist.
 */
final class AutoscalersAndIngresses implements Analyzer {

    @Override
    public List<Finding> analyze(Snapshot snapshot) {
        if (snapshot.target() instanceof HorizontalPodAutoscaler hpa) {
            return autoscaler(hpa);
        }
        if (snapshot.target() instanceof Ingress ingress) {
            return ingress(snapshot, ingress);
        }
        return List.of();
    }

    private static List<Finding> autoscaler(HorizontalPodAutoscaler hpa) {
        List<Finding> findings = new ArrayList<>();
        String name = hpa.getMetadata().getName();
        String where = "horizontalpodautoscaler " + hpa.getMetadata().getNamespace() + "/" + name + " status.conditions";
        List<HorizontalPodAutoscalerCondition> conditions = hpa.getStatus() == null || hpa.getStatus().getConditions() == null
                ? List.of() : hpa.getStatus().getConditions();
        for (HorizontalPodAutoscalerCondition condition : conditions) {
            String quote = "status: " + condition.getStatus() + ", reason: " + condition.getReason()
                    + (condition.getMessage() == null ? "" : ", message: " + condition.getMessage());
            if ("ScalingActive".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                findings.add(new Finding(Cause.AUTOSCALER_BLIND, "horizontalpodautoscaler " + name, "Autoscaler " + name
                        + " cannot scale: it cannot read the metrics it scales on (is metrics-server installed?).",
                        List.of(new Evidence(where + "[ScalingActive]", quote)), List.of()));
            }
            if ("ScalingLimited".equals(condition.getType()) && "True".equals(condition.getStatus())
                    && "TooManyReplicas".equals(condition.getReason())) {
                findings.add(new Finding(Cause.AUTOSCALER_AT_MAXIMUM, "horizontalpodautoscaler " + name, "Autoscaler " + name
                        + " wants more replicas but is at its maximum of " + hpa.getSpec().getMaxReplicas() + ".",
                        List.of(new Evidence(where + "[ScalingLimited]", quote)), List.of()));
            }
        }
        return findings;
    }

    private static List<Finding> ingress(Snapshot snapshot, Ingress ingress) {
        List<Finding> findings = new ArrayList<>();
        List<IngressBackend> backends = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            backends.add(ingress.getSpec().getDefaultBackend());
        }
        for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
            if (rule.getHttp() != null) {
                rule.getHttp().getPaths().stream().map(HTTPIngressPath::getBackend).forEach(backends::add);
            }
        }
        String where = "ingress " + ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName() + " spec";
        for (IngressBackend backend : backends) {
            if (backend.getService() == null) {
                continue;
            }
            String serviceName = backend.getService().getName();
            Optional<Service> service = snapshot.services().stream().filter(s -> serviceName.equals(s.getMetadata().getName())).findFirst();
            String about = "ingress " + ingress.getMetadata().getName();
            if (service.isEmpty()) {
                findings.add(new Finding(Cause.INGRESS_BACKEND_MISSING, about, "Ingress " + ingress.getMetadata().getName()
                        + " sends traffic to service " + serviceName + ", which does not exist.",
                        List.of(new Evidence(where + " backend.service", "name: " + serviceName)), List.of()));
            } else if (backend.getService().getPort() != null && !hasPort(service.get(), backend)) {
                String port = backend.getService().getPort().getName() != null ? backend.getService().getPort().getName()
                        : String.valueOf(backend.getService().getPort().getNumber());
                findings.add(new Finding(Cause.INGRESS_BACKEND_MISSING, about, "Ingress " + ingress.getMetadata().getName()
                        + " sends traffic to port " + port + " of service " + serviceName + ", which has no such port.",
                        List.of(new Evidence(where + " backend.service.port", port)), List.of()));
            }
        }
        return findings;
    }

    private static boolean hasPort(Service service, IngressBackend backend) {
        var wanted = backend.getService().getPort();
        return service.getSpec().getPorts().stream().anyMatch(p -> wanted.getName() != null ? wanted.getName().equals(p.getName())
                : wanted.getNumber() != null && wanted.getNumber().equals(p.getPort()));
    }
}
