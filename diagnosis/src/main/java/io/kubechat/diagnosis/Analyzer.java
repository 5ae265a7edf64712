package io.kubechat.diagnosis;

import java.util.List;

/** A pure function from what was read to findings; it never calls the API. */
interface Analyzer {

    List<Finding> analyze(Snapshot snapshot);
}
