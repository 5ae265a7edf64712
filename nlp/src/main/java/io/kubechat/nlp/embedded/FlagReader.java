package io.kubechat.nlp.embedded;

import io.kubechat.nlp.command.CommandArgumentsBuilder;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads kubectl flags ("-n shop", "--tail=50", "-owide"), in kubectl lines and in everyday requests alike. */
final class FlagReader {

    private static final Set<String> BOOLEAN_FLAGS = Set.of("-A", "--all-namespaces", "-p", "--previous", "--all",
            "--overwrite", "--ignore-daemonsets", "--delete-emptydir-data", "--delete-local-data", "--force", "--now",
            "-w", "--watch", "-f", "--follow", "-i", "-t", "-it", "--dry-run");
    private static final Set<String> IGNORED_FLAGS = Set.of("-w", "--watch", "-f", "--follow", "--dry-run",
            "--force", "-i", "-t", "-it", "--filename", "-R", "--recursive", "--record");

    void read(Draft draft) {
        Tokens t = draft.tokens;
        for (int i = 0; i < t.size(); i++) {
            String word = t.raw(i);
            if (!t.free(i) || word.length() < 2 || word.charAt(0) != '-' || Character.isDigit(word.charAt(1))
                    || isRemoval(word)) {
                continue;
            }
            String flag = word;
            String value = null;
            int eq = word.indexOf('=');
            if (eq > 0) {
                flag = word.substring(0, eq);
                value = word.substring(eq + 1);
            } else if (word.startsWith("-o") && word.length() > 2 && !word.startsWith("--")) {
                flag = "-o";
                value = word.substring(2);
            }
            t.use(i);
            if (IGNORED_FLAGS.contains(flag)) {
                draft.notes.add("ignored " + flag + ": KubeChat runs one request and shows its result once");
                continue;
            }
            if (value == null && !BOOLEAN_FLAGS.contains(flag) && t.free(i + 1)) {
                value = t.raw(++i);
                t.use(i);
            }
            if (!apply(draft, flag, value)) {
                draft.notes.add("ignored " + flag + ": not supported");
            }
        }
    }

    /** "env-" after label or annotate is a key to remove, not a flag. */
    private static boolean isRemoval(String word) {
        return word.endsWith("-") && !word.startsWith("--") && word.length() > 2;
    }

    private static boolean apply(Draft draft, String flag, String value) {
        CommandArgumentsBuilder args = draft.args;
        switch (flag) {
            case "-n", "--namespace" -> draft.namespace = lower(value);
            case "-A", "--all-namespaces" -> draft.allNamespaces = true;
            case "-o", "--output" -> args.output(lower(value));
            case "-l", "--selector" -> draft.labelSelectors.add(value);
            case "--field-selector" -> draft.fieldSelectors.add(value);
            case "--sort-by" -> args.sortBy(value);
            case "--tail" -> args.tailLines(Numbers.parse(value));
            case "--since" -> args.since(lower(value));
            case "-c", "--container" -> args.container(lower(value));
            case "-p", "--previous" -> args.previous(true);
            case "--replicas" -> args.replicas(Numbers.parse(value));
            case "--image" -> args.image(value);
            case "--port" -> args.port(Numbers.parse(value));
            case "--target-port" -> args.targetPort(Numbers.parse(value));
            case "--type" -> args.serviceType(ServiceTypes.canonical(value));
            case "--min" -> args.minReplicas(Numbers.parse(value));
            case "--max" -> args.maxReplicas(Numbers.parse(value));
            case "--cpu-percent" -> args.cpuPercent(Numbers.parse(value));
            case "--to-revision" -> args.toRevision(Numbers.parseLong(value));
            case "--grace-period" -> args.gracePeriodSeconds(Numbers.parse(value));
            case "--now" -> args.gracePeriodSeconds(1);
            case "--ignore-daemonsets" -> args.ignoreDaemonSets(true);
            case "--delete-emptydir-data", "--delete-local-data" -> args.deleteEmptyDirData(true);
            case "--all" -> args.all(true);
            case "--overwrite" -> args.overwrite(true);
            case "--types" -> args.warningsOnly("warning".equalsIgnoreCase(value) ? Boolean.TRUE : null);
            case "--for" -> draft.eventsFor = value;
            case "--from" -> {
                if (value == null || !value.toLowerCase().startsWith("cronjob/")) {
                    return false;
                }
                args.fromCronJob(lower(value.substring("cronjob/".length())));
            }
            case "--from-literal" -> {
                int eq = value == null ? -1 : value.indexOf('=');
                if (eq <= 0) {
                    return false;
                }
                Map<String, String> data = args.data() == null ? new TreeMap<>() : new TreeMap<>(args.data());
                data.put(value.substring(0, eq), value.substring(eq + 1));
                args.data(data);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase();
    }
}
