package io.kubechat.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubechat.testsupport.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in values fail at install time with a message that says what is wrong, not a broken manifest. */
class ValuesSchemaTest {

    private static ProcessResult render(String... sets) {
        List<String> args = new ArrayList<>(List.of("template", "kc", Tools.chartDir().toString(), "--kube-version", Rendered.KUBE_VERSION));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return Tools.run("helm", args);
    }

    private static void assertFails(String expectedMessage, String... sets) {
        ProcessResult result = render(sets);
        assertThat(result.exitCode()).as("helm template %s", List.of(sets)).isNotZero();
        assertThat(result.stderr()).contains(expectedMessage);
    }

    @Test
    void defaultsRender() {
        assertThat(render().exitCode()).isZero();
    }

    @Test
    void unknownDatabaseModeIsNamed() {
        assertFails("at '/postgresql/mode'", "postgresql.mode=mysql");
    }

    @Test
    void misspelledKeyIsRefused() {
        assertFails("additional properties 'replica' not allowed", "operator.replica=2");
    }

    @Test
    void externalDatabaseNeedsAJdbcUrlAndAPassword() {
        assertFails("/postgresql/external/jdbcUrl", "postgresql.mode=external", "postgresql.external.password=x");
        assertFails("/postgresql/external", "postgresql.mode=external", "postgresql.external.jdbcUrl=jdbc:postgresql://db:5432/kc");
        assertFails("at '/postgresql/external/jdbcUrl'", "postgresql.mode=external", "postgresql.external.jdbcUrl=postgres://db/kc",
                "postgresql.external.password=x");
    }

    @Test
    void anLlmProviderNeedsAModel() {
        assertFails("at '/llm/model'", "llm.provider=openai");
        assertFails("at '/llm/provider'", "llm.provider=chatgpt");
    }

    @Test
    void cloudNativePgNeedsItsOperator() {
        assertFails("install the CloudNativePG operator first", "postgresql.mode=cloudnativepg");
    }

    @Test
    void imageDigestMustBeASha256() {
        assertFails("at '/operator/image/digest'", "operator.image.digest=latest");
    }

    @Test
    void containersListenOnUnprivilegedPorts() {
        assertFails("at '/gateway/port'", "gateway.port=80");
    }
}
