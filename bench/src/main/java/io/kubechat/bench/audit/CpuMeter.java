package io.kubechat.bench.audit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time spent by this JVM and by one PostgreSQL server (postmaster, its live backends and the backends that
 * already exited), beside the load average: on a machine shared with other work, wall-clock time alone says
 * more about the neighbours than about the code.
 */
final class CpuMeter {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICK_SECONDS = 0.01;

    private final long postmaster;

    CpuMeter(int postgresPort) {
        String port = Integer.toString(postgresPort);
        postmaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.matches(".*-p\\s+" + port + "(\\s.*|$)")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    record Sample(double jvmSeconds, double postgresSeconds, long nanos) {
    }

    Sample sample() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(os.getProcessCpuTime() / 1e9, postgresSeconds(), System.nanoTime());
    }

    /** What happened since {@code start}: wall seconds, CPU seconds of each side, and the load average now. */
    String since(Sample start) {
        Sample now = sample();
        return String.format(Locale.ROOT, "wall %.2f s; CPU %.2f s in the JVM + %.2f s in PostgreSQL; load average %s",
                (now.nanos() - start.nanos()) / 1e9, now.jvmSeconds() - start.jvmSeconds(),
                now.postgresSeconds() - start.postgresSeconds(), loadAverage());
    }

    private double postgresSeconds() {
        if (postmaster < 0) {
            // Not found among this machine's processes (a server elsewhere): only the JVM side is measured.
            return Double.NaN;
        }
        long ticks = ticks(postmaster, true);
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(java.util.List.of())) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * TICK_SECONDS;
    }

    /** utime + stime (fields 14 and 15 of /proc/PID/stat), and with {@code reaped} cutime + cstime (16 and 17). */
    private static long ticks(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces; fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            // A backend that exited between listing and reading: its time went to the postmaster's reaped total.
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
