package io.kubechat.bench.nlp;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What loading the embedding model costs one JVM: the heap it retains (used heap after full
 * collections, before and after loading the model and embedding one request) and the resident
 * memory it adds, most of it ONNX Runtime's and the tokenizer's native memory. The model is loaded
 * once per class, so each measurement needs a fresh JVM: {@link TranslatorBench} starts a few.
 * Prints one line: {@code heapBytes rssBytes}.
 */
public final class ModelFootprint {

    private ModelFootprint() {
    }

    public static void main(String[] args) throws Exception {
        long heapBefore = retainedHeap();
        long rssBefore = residentBytes();
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        model.embed("scale checkout in shop to four replicas");
        long heapAfter = retainedHeap();
        long rssAfter = residentBytes();
        // keeps the model reachable until after the second measurement
        System.out.printf(Locale.ROOT, "%d %d %d%n", heapAfter - heapBefore, rssAfter - rssBefore, model.dimension());
    }

    private static long retainedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            memory.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** VmRSS from /proc (Linux); 0 elsewhere. */
    private static long residentBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
