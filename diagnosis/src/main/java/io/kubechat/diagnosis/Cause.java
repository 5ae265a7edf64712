package io.kubechat.diagnosis;

/**
 * Why an object is unhealthy, in the order a root cause comes before its effects: a missing Secret
 * key is why the container cannot start, so it ranks above the crash loop it causes.
 */
public enum Cause {
    NODE_NOT_READY,
    CONFIG_MISSING,
    VOLUME_CLAIM_UNBOUND,
    OUT_OF_MEMORY,
    IMAGE_PULL,
    CANNOT_CREATE_PODS,
    UNSCHEDULABLE,
    CRASH_LOOP,
    JOB_FAILED,
    ROLLOUT_PAUSED,
    ROLLOUT_STUCK,
    NO_ENDPOINTS,
    INGRESS_BACKEND_MISSING,
    AUTOSCALER_BLIND,
    AUTOSCALER_AT_MAXIMUM,
    NOT_READY,
    NODE_PRESSURE
}
