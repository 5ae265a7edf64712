package io.kubechat.operator.identity;

import io.kubechat.crds.v1alpha1.Identity;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * What the operator accepts as a requester or approver, whatever admission let through: never a
 * {@code system:} user or group the API server reserves for itself (system:masters above all), which
 * no KubeChat user is meant to act as; ServiceAccounts and the authenticated groups are the exceptions.
 */
public final class Identities {

    private Identities() {
    }

    /** Why {@code identity}, in the role {@code role} (requester, approver), is not acted for, if it is not. */
    public static Optional<String> refusal(Identity identity, String role) {
        String user = identity.user();
        if (user.startsWith("system:") && !user.startsWith("system:serviceaccount:")) {
            return Optional.of("the " + role + " " + user + " is a system: user; KubeChat never acts as one");
        }
        if (identity.groups() != null) {
            for (String group : identity.groups()) {
                if (group.startsWith("system:") && !group.equals("system:authenticated") && !group.equals("system:serviceaccounts")
                        && !group.startsWith("system:serviceaccounts:")) {
                    return Optional.of("the " + role + " " + user + " names group " + group + "; KubeChat never acts as a system: group");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether two user names are, to a person reading them, the same name: equal after compatibility
     * normalization (fullwidth letters), without invisible format characters or spaces, ignoring case.
     * Kubernetes sees "bob" and "Bob" as two users; a distinct approver must not be the same person twice.
     * Look-alikes from other scripts (Cyrillic "а" for Latin "a") are not caught here.
     */
    public static boolean lookAlike(String a, String b) {
        return key(a).equals(key(b));
    }

    private static String key(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(normalized.length());
        normalized.codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT && !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(key::appendCodePoint);
        return key.toString().toLowerCase(Locale.ROOT);
    }
}
