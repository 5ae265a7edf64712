package io.kubechat.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;

/** Prints each benchmark's score and its ratio to a baseline benchmark measured in the same run. */
public final class BaselineRatio {

    private BaselineRatio() {
    }

    public static void print(String title, Collection<RunResult> results, String baselineMethod) {
        RunResult baseline = results.stream().filter(r -> method(r).equals(baselineMethod)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no baseline " + baselineMethod));
        double base = baseline.getPrimaryResult().getScore();
        System.out.println();
        System.out.println("== " + title + " (baseline: " + baselineMethod + ")");
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            System.out.printf(Locale.ROOT, "  %-28s %12.3f ± %8.3f %-8s  ratio to baseline %6.2f%n",
                    method(r), primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), primary.getScore() / base);
        }
    }

    private static String method(RunResult r) {
        String name = r.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
