package dev.claudefeatures.calls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.telemetry.UsageLog;
import dev.claudefeatures.testing.LineCapture;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A call's record carries the attempts it took and its latency, timed once by the client from
 * the first attempt to the end, waits included: for a call that succeeded after a retry and for
 * one that failed after all of them alike.
 */
@QuarkusTest
class RecordedCallsTest extends OnTheSimulator {

    private static final String BODY = "{\"text\": \"The meeting moved to Thursday.\"}";



    @Test
    void aCallThatSucceededOnItsSecondAttemptIsRecordedWithBothAttemptsAndTheWait() {
        LineCapture stdout = LineCapture.install();
        simulator.failNext(Fault.error(529, "overloaded_error"));

        given().contentType(ContentType.JSON).body(BODY).when().post("/summarise").then().statusCode(200);

        JsonNode line = stdout.ofType(UsageLog.TYPE).get(0);
        assertThat(stdout.ofType(UsageLog.TYPE)).hasSize(1);
        assertThat(line.path("attempts").asInt()).isEqualTo(2);
        assertThat(line.has("error_type")).isFalse();
        // The SDK's first wait is 0.5 s times a jitter in (0.75, 1]: at least 375 ms.
        assertThat(line.path("latency_ms").asLong()).isGreaterThanOrEqualTo(375);
    }

    @Test
    void aCallThatFailedAfterEveryAttemptIsRecordedWithItsAttemptsAndTheWaits() {
        LineCapture stdout = LineCapture.install();
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(529, "overloaded_error"));
        }

        given().contentType(ContentType.JSON).body(BODY).when().post("/summarise").then().statusCode(503);

        assertThat(stdout.ofType(UsageLog.TYPE)).singleElement().satisfies(line -> {
            assertThat(line.path("attempts").asInt()).isEqualTo(3);
            assertThat(line.path("error_type").asText()).isEqualTo("overloaded_error");
            // Two waits: at least 0.375 s and 0.75 s.
            assertThat(line.path("latency_ms").asLong()).isGreaterThanOrEqualTo(1125);
        });
    }
}
