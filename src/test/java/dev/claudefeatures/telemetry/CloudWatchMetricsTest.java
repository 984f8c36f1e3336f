package dev.claudefeatures.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A summarise call's metrics reach CloudWatch (a local fake) in one PutMetricData, before the answer. */
@QuarkusTest
@WithTestResource(FakeCloudWatch.class)
class CloudWatchMetricsTest extends OnTheSimulator {

    private static final String TEXT = "{\"text\": \"The parcel left the depot at 07:40 and arrives today.\"}";


    @AfterEach
    void reset() {
        FakeCloudWatch.current().reset(FakeCloudWatch.Mode.OK);
    }

    private static void summarise(int expectedStatus) {
        given().contentType(ContentType.JSON).body(TEXT).when().post("/summarise").then().statusCode(expectedStatus);
    }

    /** Data points by "MetricName|dim=value,dim=value" (dimensions sorted). */
    private static Map<String, JsonNode> byNameAndDimensions(JsonNode body) {
        Map<String, JsonNode> datums = new HashMap<>();
        for (JsonNode datum : body.path("MetricData")) {
            List<String> dimensions = new ArrayList<>();
            datum.path("Dimensions").forEach(d -> dimensions.add(d.path("Name").asText() + "=" + d.path("Value").asText()));
            dimensions.sort(null);
            datums.put(datum.path("MetricName").asText() + "|" + String.join(",", dimensions), datum);
        }
        return datums;
    }

    @Test
    void oneCallSendsExactlyOnePutMetricDataWithEveryMetricForEachDimensionSet() {
        FakeCloudWatch.current().reset(FakeCloudWatch.Mode.OK);

        summarise(200);

        List<FakeCloudWatch.Received> received = FakeCloudWatch.current().received();
        assertThat(received).hasSize(1);
        FakeCloudWatch.Received put = received.get(0);
        assertThat(put.path()).isEqualTo("/service/GraniteServiceVersion20100801/operation/PutMetricData");
        assertThat(put.protocol()).isEqualTo("rpc-v2-cbor");
        assertThat(put.body().path("Namespace").asText()).isEqualTo("ClaudeFeatures");

        Map<String, JsonNode> datums = byNameAndDimensions(put.body());
        // Each metric under the sets an alarm or the dashboard reads, and under no other.
        assertThat(datums.keySet()).containsExactlyInAnyOrder("InputTokens|Feature=summarise",
                "CacheReadTokens|Feature=summarise", "CacheWriteTokens|Feature=summarise",
                "OutputTokens|Feature=summarise", "Latency|Feature=summarise", "Escalations|Feature=summarise",
                "CacheIneffective|Feature=summarise", "CacheNetSavingUSD|Feature=summarise",
                "EstimatedCostUSD|Feature=summarise",
                "EstimatedCostUSD|Model=claude-sonnet-4-6", "EstimatedCostUSD|", "Calls|Feature=summarise", "Calls|",
                "MaxTokensStops|Feature=summarise", "MaxTokensStops|", "Errors|", "Retries|");
        JsonNode calls = datums.get("Calls|Feature=summarise");
        assertThat(calls.path("Unit").asText()).isEqualTo("Count");
        assertThat(calls.path("Values").get(0).asDouble()).isEqualTo(1.0);
        assertThat(datums.get("Errors|").path("Values").get(0).asDouble()).isZero();
        assertThat(datums.get("Retries|").path("Values").get(0).asDouble()).isZero();
        assertThat(datums.get("Latency|Feature=summarise").path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(datums.get("EstimatedCostUSD|").path("Unit").asText()).isEqualTo("None");

        // The token counts and cost are those the simulator billed for this very call.
        JsonNode input = datums.get("InputTokens|Feature=summarise");
        JsonNode output = datums.get("OutputTokens|Feature=summarise");
        double expectedCost = (input.path("Values").get(0).asDouble() * 3
                + output.path("Values").get(0).asDouble() * 15) / 1_000_000;
        assertThat(input.path("Values").get(0).asDouble()).isPositive();
        for (String cost : List.of("EstimatedCostUSD|Feature=summarise", "EstimatedCostUSD|Model=claude-sonnet-4-6",
                "EstimatedCostUSD|")) {
            assertThat(datums.get(cost).path("Values").get(0).asDouble()).as(cost)
                    .isCloseTo(expectedCost, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aFailedCallCountsAsAnErrorWithItsRetries() {
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        }

        summarise(503);

        List<FakeCloudWatch.Received> received = FakeCloudWatch.current().received();
        assertThat(received).hasSize(1);
        Map<String, JsonNode> datums = byNameAndDimensions(received.get(0).body());
        assertThat(datums.get("Errors|").path("Values").get(0).asDouble()).isEqualTo(1.0);
        assertThat(datums.get("Retries|").path("Values").get(0).asDouble()).isEqualTo(2.0);
        assertThat(datums.get("InputTokens|Feature=summarise").path("Values").get(0).asDouble()).isZero();
    }

    @Test
    void anEscalationIsCountedForTheStrongerModelInTheSamePublish() throws Exception {
        simulator.failNext(Fault.answer(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"category\":\"account\",\"confidence\":0.2}")));

        given().contentType(ContentType.JSON).body("{\"text\": \"My invoice is wrong.\"}")
                .when().post("/classify/ticket").then().statusCode(200);

        List<FakeCloudWatch.Received> received = FakeCloudWatch.current().received();
        assertThat(received).hasSize(1);
        Map<String, JsonNode> datums = byNameAndDimensions(received.get(0).body());
        // The first call and its escalation, in that order; each model's cost in a series of its own.
        assertThat(datums.get("Escalations|Feature=classify-ticket").path("Values").toString()).isEqualTo("[0,1]");
        assertThat(datums.get("EstimatedCostUSD|Model=claude-opus-4-6").path("Values")).hasSize(1);
        assertThat(datums.get("EstimatedCostUSD|Model=claude-sonnet-4-6").path("Values")).hasSize(1);
        JsonNode calls = datums.get("Calls|Feature=classify-ticket").path("Values");
        assertThat(calls).hasSize(2).allSatisfy(value -> assertThat(value.asDouble()).isEqualTo(1.0));
    }

    @Test
    void aFailingCloudWatchLeavesTheAnswerIntact() {
        FakeCloudWatch.current().reset(FakeCloudWatch.Mode.FAIL);

        summarise(200);

        assertThat(FakeCloudWatch.current().received()).hasSize(1);
    }

    @Test
    void aCloudWatchThatDoesNotAnswerLeavesTheAnswerIntact() {
        // The fake holds the request for 10 s; the client's call timeout (1 s here, MetricSinksTest)
        // gives up on it, once, and the answer goes out.
        FakeCloudWatch.current().reset(FakeCloudWatch.Mode.HANG);

        summarise(200);

        assertThat(FakeCloudWatch.current().received()).hasSize(1);
    }
}
