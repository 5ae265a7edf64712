package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint --strict} finds nothing wrong with the chart under either values file. */
class ChartLintTest {

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void lintsCleanly(String valuesFile) {
        String out = Tools.runOk("helm", List.of("lint", "--strict", Tools.chartDir().toString(),
                "--values", Rendered.valuesFile(valuesFile).toString(), "--kube-version", Rendered.KUBE_VERSION));
        assertThat(out).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]").doesNotContain("[ERROR]");
    }
}
