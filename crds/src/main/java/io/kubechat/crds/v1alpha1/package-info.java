/**
 * The KubeChat API, group {@code kubechat.io}, version {@code v1alpha1}.
 *
 * <p>Plain data: records for spec and status, the CRD schema and its CEL rules generated from
 * their annotations. Nothing here talks to a cluster; reconcilers live in the operator module.
 */
package io.kubechat.crds.v1alpha1;
