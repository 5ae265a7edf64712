package io.kubechat.olm;

import io.kubechat.testsupport.PinnedTools;
import java.nio.file.Path;

/** Where the bundle is. */
final class Bundle {

    private Bundle() {
    }

    static Path dir() {
        return PinnedTools.repoRoot().resolve("olm-bundle/bundle");
    }
}
