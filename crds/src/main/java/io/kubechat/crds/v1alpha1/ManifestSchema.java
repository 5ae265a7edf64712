package io.kubechat.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * The schema of {@link Command#manifest()}: any object, of which apiVersion and kind are named so that
 * CEL rules can read them (fields a schema does not name are invisible to CEL).
 */
@PreserveUnknownFields
record ManifestSchema(
        @JsonPropertyDescription("API version of the object.") String apiVersion,
        @JsonPropertyDescription("Kind of the object.") String kind) {
}
