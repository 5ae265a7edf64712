package io.kubechat.crds.v1alpha1;

/** The three values Kubernetes conventions allow for a condition's status. */
public enum ConditionStatus {
    True,
    False,
    Unknown
}
