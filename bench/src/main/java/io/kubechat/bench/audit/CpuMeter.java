package io.kubechat.bench.audit;

import io.kubechat.bench.ProcessCpu;
import java.util.Locale;

/**
 * CPU time spent by this JVM and by one PostgreSQL server (postmaster, its live backends and the backends that
 * already exited), beside the load average: on a machine shared with other work, wall-clock time alone says
 * more about the neighbours than about the code.
 */
final class CpuMeter {

    private static final String JVM = "JVM";
    private static final String POSTGRES = "PostgreSQL";

    private final ProcessCpu cpu;

    CpuMeter(int postgresPort) {
        // Not found among this machine's processes (a server elsewhere): only the JVM side is measured.
        cpu = new ProcessCpu().addThisJvm(JVM).add(POSTGRES, ProcessCpu.postgres(postgresPort).orElse(-1));
    }

    ProcessCpu.Sample sample() {
        return cpu.sample();
    }

    /** What happened since {@code start}: wall seconds, CPU seconds of each side, and the load average now. */
    String since(ProcessCpu.Sample start) {
        ProcessCpu.Sample now = sample();
        return String.format(Locale.ROOT, "wall %.2f s; CPU %.2f s in the JVM + %.2f s in PostgreSQL; load average %s",
                (now.nanos() - start.nanos()) / 1e9, now.seconds().get(JVM) - start.seconds().get(JVM),
                now.seconds().getOrDefault(POSTGRES, Double.NaN) - start.seconds().getOrDefault(POSTGRES, Double.NaN),
                ProcessCpu.loadAverage());
    }
}
