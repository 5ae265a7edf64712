package io.kubechat.bench.nlp;

import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Latency of the embedded translator per request, sampled over the translator's own example
 * requests, beside a baseline measured in the same run: splitting the same requests into
 * lower-case words, the least any translator must do. Run with
 * {@code java -cp bench/target/benchmarks.jar io.kubechat.bench.nlp.TranslatorBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslatorBench {

    private EmbeddedTranslator translator;
    private List<String> requests;
    private int next;

    @Setup
    public void setUp() {
        translator = new EmbeddedTranslator();
        requests = translator.examples().stream().map(r -> r.replace("NAME", "web")).toList();
    }

    private String nextRequest() {
        String request = requests.get(next);
        next = (next + 1) % requests.size();
        return request;
    }

    @Benchmark
    public Object translate() {
        return translator.translate(new TranslationRequest(nextRequest(), "default", null));
    }

    @Benchmark
    public void baselineTokenise(Blackhole hole) {
        for (String word : nextRequest().toLowerCase(Locale.ROOT).split("\\s+")) {
            hole.consume(word);
        }
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(TranslatorBench.class.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(options).run();
        Statistics translate = null;
        Statistics baseline = null;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Statistics statistics = result.getPrimaryResult().getStatistics();
            if (name.endsWith(".translate")) {
                translate = statistics;
            } else if (name.endsWith(".baselineTokenise")) {
                baseline = statistics;
            }
        }
        if (translate == null || baseline == null) {
            throw new IllegalStateException("a benchmark did not run");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %12s %12s %10s%n", "per request (microseconds)", "p50", "p99", "samples");
        print("embedded translator", translate);
        print("baseline: split into words", baseline);
        System.out.printf(Locale.ROOT, "translator / baseline: p50 %.0fx, p99 %.0fx%n",
                translate.getPercentile(50) / baseline.getPercentile(50),
                translate.getPercentile(99) / baseline.getPercentile(99));
        System.out.printf(Locale.ROOT, "target p99 < 5000 us: %s%n", translate.getPercentile(99) < 5000 ? "met" : "MISSED");
    }

    private static void print(String label, Statistics statistics) {
        System.out.printf(Locale.ROOT, "%-36s %12.1f %12.1f %10d%n", label, statistics.getPercentile(50),
                statistics.getPercentile(99), statistics.getN());
    }
}
