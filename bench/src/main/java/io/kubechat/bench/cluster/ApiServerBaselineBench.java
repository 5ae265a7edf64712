package io.kubechat.bench.cluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubechat.bench.BaselineRatio;
import io.kubechat.testsupport.LocalCluster;
import io.kubechat.testsupport.ProcessResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of one read against the local API server, the yardstick every end-to-end number of
 * KubeChat is compared with: a raw fabric8 GET, and the same read through a kubectl process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ApiServerBaselineBench {

    private LocalCluster cluster;
    private KubernetesClient client;
    private String namespace;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = LocalCluster.attachOrStart();
        client = cluster.admin();
        namespace = cluster.createNamespace("bench");
        client.configMaps().inNamespace(namespace)
                .resource(new ConfigMapBuilder().withNewMetadata().withName("probe").endMetadata().addToData("k", "v").build())
                .create();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.namespaces().withName(namespace).delete();
        cluster.close();
    }

    @Benchmark
    public Object fabric8Get() {
        return client.configMaps().inNamespace(namespace).withName("probe").get();
    }

    @Benchmark
    @Measurement(iterations = 3, time = 5)
    public ProcessResult kubectlGet() {
        ProcessResult result = cluster.kubectl("admin", "get", "configmap", "probe", "-n", namespace, "-o", "name");
        if (!result.succeeded()) {
            throw new IllegalStateException(result.stderr());
        }
        return result;
    }

    public static void main(String[] args) throws RunnerException {
        var results = new Runner(new OptionsBuilder().include(ApiServerBaselineBench.class.getName()).build()).run();
        BaselineRatio.print("API server read, milliseconds per call (sample time)", results, "fabric8Get");
    }
}
