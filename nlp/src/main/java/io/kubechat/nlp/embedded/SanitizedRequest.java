package io.kubechat.nlp.embedded;

import java.util.List;

/** A request with everything unsafe removed, and what was removed. */
public record SanitizedRequest(String text, List<String> dropped) {

    public SanitizedRequest {
        dropped = List.copyOf(dropped);
    }
}
