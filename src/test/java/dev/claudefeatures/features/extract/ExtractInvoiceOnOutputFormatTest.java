package dev.claudefeatures.features.extract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.OfflineSimulator;
import dev.claudefeatures.simulator.ReceivedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The same extractor on a model that rejects forced tool_choice (Opus 5.5): output_config.format
 * instead, and the repair as a user turn. The simulator answers 400 to forced tool_choice for
 * this model, so a wrong mode would fail here.
 */
@QuarkusTest
@TestProfile(ExtractInvoiceOnOutputFormatTest.OnOpus55.class)
class ExtractInvoiceOnOutputFormatTest {

    public static class OnOpus55 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("features.extract-invoice.model", "claude-opus-5-5");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OfflineSimulator simulator;

    @Test
    void extractsWithOutputFormatAndRepairsWithAUserTurn() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"vendor\":\"Nordlicht\"}")));
        long before = simulator.receivedCount();

        given().contentType(ContentType.JSON).body(JSON.createObjectNode().put("text", ExtractInvoiceTest.INVOICE).toString())
                .when().post("/extract/invoice")
                .then().statusCode(200)
                .body("date", equalTo("2026-11-02"))
                .body("total", equalTo(1500.50f));

        List<ReceivedRequest> calls = simulator.receivedSince(before);
        assertThat(calls).hasSize(2);
        JsonNode first = JSON.readTree(calls.get(0).body());
        assertThat(first.path("model").asText()).isEqualTo("claude-opus-5-5");
        assertThat(first.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
        assertThat(first.has("tools")).isFalse();
        assertThat(first.has("tool_choice")).isFalse();
        JsonNode repairTurn = JSON.readTree(calls.get(1).body()).path("messages").get(2);
        assertThat(repairTurn.path("role").asText()).isEqualTo("user");
        assertThat(repairTurn.path("content").get(0).path("text").asText())
                .startsWith("Your answer does not fit the schema:")
                .contains("(root): required property 'date' not found");
    }
}
