package io.kubechat.gateway.auth;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which web group names may become Kubernetes groups. Kubernetes compares names byte for byte, so look-alikes
 * are no system group there; but a reader (or a later configuration without a prefix) is fooled by them. So names
 * are printable ASCII with no space at either end, and nothing that reads as "system:..." is accepted, whatever
 * the case, spacing, invisible or compatibility characters.
 */
public final class GroupNames {

    public static final int MAX_LENGTH = 200;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("^[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?$");
    /** Whitespace, and format characters such as zero-width spaces and soft hyphens. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Cf}\\p{Z}]+");

    private GroupNames() {
    }

    /** Why {@code group} may not be a web group, or empty when it may. */
    public static Optional<String> problem(String group) {
        if (group == null || group.isEmpty()) {
            return Optional.of("group names must not be empty");
        }
        if (looksLikeSystem(group)) {
            return Optional.of("'" + printable(group) + "' is a Kubernetes system group (system:...); web users cannot be given one");
        }
        if (group.length() > MAX_LENGTH || !PRINTABLE_ASCII.matcher(group).matches()) {
            return Optional.of("'" + printable(group) + "' is not a group name: at most " + MAX_LENGTH
                    + " printable ASCII characters, no space at either end");
        }
        return Optional.empty();
    }

    public static boolean acceptable(String group) {
        return problem(group).isEmpty();
    }

    static boolean looksLikeSystem(String group) {
        String folded = INVISIBLE.matcher(Normalizer.normalize(group, Normalizer.Form.NFKC)).replaceAll("").toLowerCase(Locale.ROOT);
        // Cyrillic and Greek letters that look like the Latin ones of "system"; any other non-ASCII name is refused anyway.
        folded = folded.replace('\u0455', 's').replace('\u0443', 'y').replace('\u0435', 'e').replace('\u0442', 't')
                .replace('\u043c', 'm').replace('\u03bf', 'o');
        return folded.startsWith("system:");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
