package io.kubechat.crds.v1alpha1;

/** Names shared by every KubeChat resource. */
public final class KubeChat {
    public static final String GROUP = "kubechat.io";
    public static final String VERSION = "v1alpha1";

    private KubeChat() {
    }
}
