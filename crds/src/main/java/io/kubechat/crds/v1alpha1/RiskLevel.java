package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much harm a command can do, rated from the structured command alone. */
public enum RiskLevel {
    /** Reads only. */
    @JsonProperty("safe") SAFE,
    /** Changes state in a way that is routinely undone. */
    @JsonProperty("caution") CAUTION,
    /** Deletes, drains, evicts, scales to zero, writes in bulk or grants privileges. */
    @JsonProperty("destructive") DESTRUCTIVE
}
