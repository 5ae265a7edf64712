package io.kubechat.nlp.embedded;

import io.kubechat.nlp.command.CommandArgumentsBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            if ("--schedule".equals(flag)) {
                draft.args.schedule(Schedules.fromFlag(t, i, value));
            } else if (!apply(draft, flag, value)) {
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
                String from = lower(value);
                if (from != null && from.startsWith("cronjob/")) {
                    args.fromCronJob(from.substring("cronjob/".length()));
                } else if (from != null && (from.startsWith("configmap/") || from.startsWith("secret/"))) {
                    args.envFrom(from);
                } else {
                    return false;
                }
            }
            case "--limits" -> args.limits(quantities(value));
            case "--requests" -> args.requests(quantities(value));
            case "--verb" -> args.roleVerbs(commaList(value));
            case "--resource" -> args.roleResources(commaList(value));
            case "--clusterrole" -> args.clusterRole(lower(value));
            case "--role" -> args.role(lower(value));
            case "--user" -> args.users(added(args.users(), value));
            case "--group" -> args.groups(added(args.groups(), value));
            case "--serviceaccount" -> args.serviceAccounts(added(args.serviceAccounts(), lower(value)));
            case "--tcp" -> {
                String[] ports = value == null ? new String[0] : value.split(":", 2);
                if (ports.length != 2 || !Numbers.isNumber(ports[0]) || !Numbers.isNumber(ports[1])) {
                    return false;
                }
                args.port(Numbers.parse(ports[0])).targetPort(Numbers.parse(ports[1]));
            }
            case "--node-port" -> args.nodePort(Numbers.parse(value));
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

    /** "cpu=1,memory=1Gi" as kubectl --limits and --requests take it; null when any pair is not one. */
    static Map<String, String> quantities(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Map<String, String> pairs = new TreeMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            pairs.put(pair.substring(0, eq).toLowerCase(), pair.substring(eq + 1));
        }
        return pairs;
    }

    private static List<String> commaList(String value) {
        return value == null ? null : Arrays.stream(value.toLowerCase().split(",")).filter(v -> !v.isEmpty()).toList();
    }

    private static List<String> added(List<String> values, String value) {
        if (value == null) {
            return values;
        }
        List<String> all = new ArrayList<>(values == null ? List.of() : values);
        all.add(value);
        return all;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase();
    }
}
