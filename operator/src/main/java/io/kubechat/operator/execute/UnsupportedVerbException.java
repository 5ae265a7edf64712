package io.kubechat.operator.execute;

import io.kubechat.crds.v1alpha1.Verb;
import java.util.Locale;

/** A command this operator version cannot run; it fails with this message rather than guessing. */
public final class UnsupportedVerbException extends RuntimeException {

    public UnsupportedVerbException(Verb verb) {
        super("this operator version cannot run '" + wireName(verb) + "' yet");
    }

    public UnsupportedVerbException(Verb verb, String variant) {
        super("this operator version cannot run '" + wireName(verb) + "' " + variant + " yet");
    }

    private static String wireName(Verb verb) {
        return verb.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
