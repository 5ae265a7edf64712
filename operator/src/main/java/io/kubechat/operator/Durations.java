package io.kubechat.operator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the CRDs write them (1h30m, 10m, 45s), the syntax of kubectl's --since. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+)([smh])");

    private Durations() {
    }

    public static Duration parse(String value) {
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }
}
