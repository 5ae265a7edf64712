package io.kubechat.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as kubectl writes them: 90s, 5m, 1h30m. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern WHOLE = Pattern.compile("(\\d+[hms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

    @Override
    public Duration convert(String value) {
        if (!WHOLE.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 5m or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total;
    }
}
