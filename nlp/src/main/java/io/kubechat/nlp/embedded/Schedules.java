package io.kubechat.nlp.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron job's schedule: five cron fields as written ("0 3 * * *", or a --schedule flag the words were
 * split from), or everyday words ("every 5 minutes", "daily at 1am", "every hour").
 */
final class Schedules {

    private static final Pattern FIELD = Pattern.compile("^[0-9*/,?-]+$");
    private static final Pattern HOUR = Pattern.compile("^([0-9]{1,2})(:([0-9]{2}))?(am|pm)?$");
    private static final Map<String, Integer> DAYS = Map.of("sunday", 0, "monday", 1, "tuesday", 2, "wednesday", 3,
            "thursday", 4, "friday", 5, "saturday", 6);
    private static final List<String> LEADS = List.of("on schedule", "on the schedule", "schedule", "cron", "at");

    private Schedules() {
    }

    /** A --schedule value: its first field, and the four following words the request was split into. */
    static String fromFlag(Tokens t, int at, String value) {
        List<String> fields = new ArrayList<>();
        if (value != null) {
            fields.add(unquote(value));
        }
        for (int k = at + 1; fields.size() < 5 && t.free(k) && FIELD.matcher(unquote(t.raw(k))).matches(); k++) {
            fields.add(unquote(t.raw(k)));
            t.use(k);
        }
        return String.join(" ", fields);
    }

    /** Whether the words speak of a schedule, without claiming any. */
    static boolean mentions(Tokens t) {
        for (int i = 0; i + 4 < t.size(); i++) {
            if (fieldsAt(t, i)) {
                return true;
            }
        }
        return List.of("every", "hourly", "daily", "nightly", "weekly").stream().anyMatch(t::contains);
    }

    /** The schedule the free words give, or null; the words read are claimed. */
    static String read(Tokens t) {
        for (int i = 0; i + 4 < t.size(); i++) {
            if (fieldsAt(t, i)) {
                String cron = t.raw(i) + " " + t.raw(i + 1) + " " + t.raw(i + 2) + " " + t.raw(i + 3) + " " + t.raw(i + 4);
                t.use(i, i + 5);
                for (String lead : LEADS) {
                    int start = i - Tokens.wordCount(lead);
                    if (start >= 0 && t.matches(start, lead)) {
                        t.use(start, i);
                        break;
                    }
                }
                return cron;
            }
        }
        return everyday(t);
    }

    private static boolean fieldsAt(Tokens t, int i) {
        boolean star = false;
        for (int k = i; k < i + 5; k++) {
            if (!t.free(k) || !FIELD.matcher(t.raw(k)).matches()) {
                return false;
            }
            star |= t.raw(k).contains("*");
        }
        return star;
    }

    private static String everyday(Tokens t) {
        int every = t.find("every").orElse(-1);
        if (every >= 0) {
            String next = t.word(every + 1);
            Integer count = Numbers.parse(next);
            String unit = count == null ? next : t.word(every + 2);
            int used = count == null ? 2 : 3;
            String cron = switch (unit) {
                case "minute", "minutes", "min", "mins" -> count == null || count == 1 ? "* * * * *" : "*/" + count + " * * * *";
                case "hour", "hours" -> count == null || count == 1 ? "0 * * * *" : "0 */" + count + " * * *";
                case "day", "night" -> daily(t, every + used);
                case "week" -> "0 0 * * 0";
                default -> DAYS.containsKey(unit) ? weekly(t, every + used, DAYS.get(unit)) : null;
            };
            if (cron != null) {
                t.use(every, every + used);
                return cron;
            }
        }
        for (String word : List.of("hourly", "daily", "nightly", "weekly")) {
            int at = t.find(word).orElse(-1);
            if (at >= 0) {
                t.use(at);
                return switch (word) {
                    case "hourly" -> "0 * * * *";
                    case "weekly" -> "0 0 * * 0";
                    default -> daily(t, at + 1);
                };
            }
        }
        return null;
    }

    private static String daily(Tokens t, int from) {
        String at = timeAt(t, from);
        return at == null ? "0 0 * * *" : at + " * * *";
    }

    private static String weekly(Tokens t, int from, int day) {
        String at = timeAt(t, from);
        return (at == null ? "0 0" : at) + " * * " + day;
    }

    /** "at 3am", "at 1", "at 14:30", "at 3 am": minute and hour, or null. */
    private static String timeAt(Tokens t, int from) {
        if (!t.free(from) || !t.word(from).equals("at")) {
            return null;
        }
        Matcher time = HOUR.matcher(t.word(from + 1));
        if (!time.matches()) {
            return null;
        }
        int hour = Integer.parseInt(time.group(1));
        String half = time.group(4);
        int used = 2;
        if (half == null && (t.word(from + 2).equals("am") || t.word(from + 2).equals("pm"))) {
            half = t.word(from + 2);
            used = 3;
        }
        if ("pm".equals(half) && hour < 12) {
            hour += 12;
        } else if ("am".equals(half) && hour == 12) {
            hour = 0;
        }
        if (hour > 23) {
            return null;
        }
        t.use(from, from + used);
        int minute = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
        return minute + " " + hour;
    }

    private static String unquote(String value) {
        return value.replace("\"", "").replace("'", "");
    }
}
