package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a structured command does, named after the kubectl command it corresponds to
 * (compound commands joined with a hyphen).
 */
public enum Verb {
    @JsonProperty("get") GET,
    @JsonProperty("describe") DESCRIBE,
    /** Why the object is unhealthy: findings with evidence and fixes (kubectl kubechat diagnose). */
    @JsonProperty("diagnose") DIAGNOSE,
    @JsonProperty("logs") LOGS,
    @JsonProperty("events") EVENTS,
    @JsonProperty("top") TOP,
    @JsonProperty("rollout-status") ROLLOUT_STATUS,
    @JsonProperty("rollout-history") ROLLOUT_HISTORY,
    @JsonProperty("rollout-restart") ROLLOUT_RESTART,
    @JsonProperty("rollout-undo") ROLLOUT_UNDO,
    @JsonProperty("rollout-pause") ROLLOUT_PAUSE,
    @JsonProperty("rollout-resume") ROLLOUT_RESUME,
    @JsonProperty("scale") SCALE,
    @JsonProperty("set-image") SET_IMAGE,
    @JsonProperty("set-env") SET_ENV,
    @JsonProperty("set-resources") SET_RESOURCES,
    @JsonProperty("set-serviceaccount") SET_SERVICEACCOUNT,
    @JsonProperty("label") LABEL,
    @JsonProperty("annotate") ANNOTATE,
    @JsonProperty("cordon") CORDON,
    @JsonProperty("uncordon") UNCORDON,
    @JsonProperty("drain") DRAIN,
    @JsonProperty("taint") TAINT,
    @JsonProperty("create") CREATE,
    @JsonProperty("expose") EXPOSE,
    @JsonProperty("autoscale") AUTOSCALE,
    @JsonProperty("patch") PATCH,
    @JsonProperty("apply") APPLY,
    @JsonProperty("delete") DELETE,
    @JsonProperty("auth-can-i") AUTH_CAN_I,
    @JsonProperty("explain") EXPLAIN,
    @JsonProperty("api-resources") API_RESOURCES,
    @JsonProperty("version") VERSION,
    @JsonProperty("cluster-info") CLUSTER_INFO
}
