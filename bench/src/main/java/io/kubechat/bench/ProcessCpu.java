package io.kubechat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * CPU time (user + system, from /proc) of the processes a benchmark drives, each with its children, so that a
 * run can say which process a command's cost falls on. On a shared 2-core machine CPU time per command is
 * steadier than wall time, and its total bounds the throughput: 2 CPU-seconds a second divided by it.
 */
public final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICK_SECONDS = 0.01;

    private record Tracked(long pid, boolean withDescendants) {
    }

    private final Map<String, Tracked> processes = new LinkedHashMap<>();

    /** Adds a process and its descendants (a postmaster's backends); a pid not found (negative) is left out. */
    public ProcessCpu add(String name, long pid) {
        if (pid > 0) {
            processes.put(name, new Tracked(pid, true));
        }
        return this;
    }

    /** Adds this JVM alone: the processes it started are counted under their own names. */
    public ProcessCpu addThisJvm(String name) {
        processes.put(name, new Tracked(ProcessHandle.current().pid(), false));
        return this;
    }

    /** The first process whose command line matches, if any. */
    public static OptionalLong find(Predicate<String> commandLine) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(commandLine::test).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst();
    }

    /** A PostgreSQL server by its port: the postmaster, whose backends are its children. */
    public static OptionalLong postgres(int port) {
        return find(c -> c.contains("postgres") && c.matches(".*-p\\s+" + port + "(\\s.*|$)"));
    }

    /** The kube-apiserver serving {@code port}. */
    public static OptionalLong apiServer(int port) {
        return find(c -> c.contains("kube-apiserver") && c.contains("--secure-port=" + port + " "));
    }

    /** The etcd behind an API server, from the API server's --etcd-servers flag. */
    public static OptionalLong etcdOf(long apiServerPid) {
        String line = ProcessHandle.of(apiServerPid).flatMap(p -> p.info().commandLine()).orElse("");
        int at = line.indexOf("--etcd-servers=");
        if (at < 0) {
            return OptionalLong.empty();
        }
        String url = line.substring(at + "--etcd-servers=".length()).split("[\\s,]")[0];
        return find(c -> c.contains("etcd") && !c.contains("kube-apiserver") && c.contains("--listen-client-urls=" + url));
    }

    public record Sample(Map<String, Double> seconds, long nanos) {
    }

    public Sample sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, p) -> seconds.put(name, (p.withDescendants() ? treeTicks(p.pid()) : ticks(p.pid(), false)) * TICK_SECONDS));
        return new Sample(seconds, System.nanoTime());
    }

    /** CPU milliseconds per unit of work since {@code start}, by process, with the total and the rate it allows. */
    public String perUnit(Sample start, long units, String unit) {
        Sample now = sample();
        StringJoiner parts = new StringJoiner(", ");
        double total = 0;
        for (String name : start.seconds().keySet()) {
            double ms = (now.seconds().get(name) - start.seconds().get(name)) * 1000 / units;
            total += ms;
            parts.add(String.format(Locale.ROOT, "%s %.1f", name, ms));
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "CPU ms per %s: %s; total %.1f ms, so at most %.0f %ss/s on %d CPUs (load average %s)",
                unit, parts, total, cpus * 1000 / total, unit, cpus, loadAverage());
    }

    /** utime + stime of a process and of its live descendants, plus the time of children it already reaped. */
    private static long treeTicks(long pid) {
        long ticks = ticks(pid, true);
        List<ProcessHandle> descendants = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : descendants) {
            ticks += ticks(child.pid(), false);
        }
        return ticks;
    }

    /** Fields 14 and 15 of /proc/PID/stat, and with {@code reaped} 16 and 17 (cutime, cstime). */
    private static long ticks(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces; fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            // A child that exited between listing and reading: its time went to its parent's reaped total.
            return 0;
        }
    }

    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
