package dev.claudefeatures.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.testing.LineCapture;
import dev.claudefeatures.testing.LogCapture;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** One JSON usage line per call, with its token counts and cost; no text, and never the key. */
@QuarkusTest
@TestProfile(UsageLogTest.WithApiKey.class)
class UsageLogTest extends OnTheSimulator {

    static final String API_KEY = "test-key-that-must-never-be-logged-5b1e";
    static final String TEXT = "Confidential: the merger with Acme closes on 12 May.";

    public static class WithApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anthropic.api-key", API_KEY, "anthropic.offline", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();



    @Test
    void oneCallWritesOneUsageLineWithTokensCostAndIdsButNoText() throws Exception {
        LineCapture stdout = LineCapture.install();
        given().contentType(ContentType.JSON).body("{\"text\": \"" + TEXT + "\"}")
                .when().post("/summarise").then().statusCode(200);
        List<String> usage = stdout.rawOfType(UsageLog.TYPE);

        assertThat(usage).hasSize(1);
        JsonNode line = JSON.readTree(usage.get(0));
        assertThat(line.path("feature").asText()).isEqualTo("summarise");
        assertThat(line.path("model").asText()).isEqualTo("claude-sonnet-4-6");
        assertThat(line.path("request_id").asText()).startsWith("req_sim_");
        assertThat(line.path("input_tokens").asInt()).isPositive();
        assertThat(line.path("output_tokens").asInt()).isPositive();
        assertThat(line.path("cache_read_tokens").isInt()).isTrue();
        assertThat(line.path("cache_write_tokens").isInt()).isTrue();
        assertThat(line.path("cache_write_5m_tokens").isInt()).isTrue();
        assertThat(line.path("cache_write_1h_tokens").isInt()).isTrue();
        assertThat(line.path("cost_usd").decimalValue()).isEqualByComparingTo(
                java.math.BigDecimal.valueOf(line.path("input_tokens").asInt() * 3L + line.path("output_tokens").asInt() * 15L)
                        .movePointLeft(6));
        assertThat(line.path("latency_ms").isIntegralNumber()).isTrue();
        assertThat(line.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(line.has("prompt")).isFalse();
        assertThat(line.has("response")).isFalse();
        assertThat(usage.get(0)).doesNotContain("Acme").doesNotContain("merger");
    }

    /**
     * The support playbook, cached for 5 minutes: the line that wrote it says what the write cost
     * over plain input, the one that read it what the read saved (Sonnet 4.6: 3 in, 3.75 5m, 0.30 read).
     */
    @Test
    void theUsageLineSaysWhatCachingSavedOrCostOnTheCall() throws Exception {
        LineCapture stdout = LineCapture.install();
        for (String ticket : List.of("My order 1 arrived damaged.", "My order 2 arrived late.")) {
            given().contentType(ContentType.JSON).body(JSON.createObjectNode().put("ticket", ticket).toString())
                    .when().post("/support/reply").then().statusCode(200);
        }
        List<String> usage = stdout.rawOfType(UsageLog.TYPE);

        assertThat(usage).hasSize(2);
        for (String raw : usage) {
            JsonNode line = JSON.readTree(raw);
            java.math.BigDecimal expected = java.math.BigDecimal.valueOf(line.path("cache_read_tokens").asLong() * 270L
                    - line.path("cache_write_5m_tokens").asLong() * 75L
                    - line.path("cache_write_1h_tokens").asLong() * 300L).movePointLeft(8);
            assertThat(line.path("cache_saving_usd").isNumber()).as(raw).isTrue();
            assertThat(line.path("cache_saving_usd").decimalValue()).as(raw).isEqualByComparingTo(expected);
        }
        JsonNode second = JSON.readTree(usage.get(1));
        assertThat(second.path("cache_read_tokens").asInt()).isGreaterThan(4_000);
        assertThat(second.path("cache_saving_usd").decimalValue()).isPositive();
    }

    @Test
    void theApiKeyGoesOnTheWireButIntoNoLogLineEvenWhenCallsFail() {
        LineCapture stdout = LineCapture.install();
        List<String> lines = new java.util.ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                    .when().post("/summarise").then().statusCode(200);
            simulator.failNext(Fault.error(401, "authentication_error"));
            given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                    .when().post("/summarise").then().statusCode(502);
            lines.addAll(logs.lines());
        }
        lines.addAll(stdout.lines());

        assertThat(simulator.lastReceived().header("x-api-key")).isEqualTo(API_KEY);
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(API_KEY));
        assertThat(lines).anyMatch(line -> line.contains("authentication_error"));
    }
}
