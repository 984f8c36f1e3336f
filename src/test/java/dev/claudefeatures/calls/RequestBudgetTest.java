package dev.claudefeatures.calls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.DeferrableSink;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Every call made for one request draws on one deadline: the production case of a 30 s function
 * with a 28 s budget and 16 s answers, scaled down by ten (with 0.3 s more kept back for the test
 * client and the mock event server, which the budget does not see). An answer always comes inside
 * the function's time, and every call made is recorded and flushed with it.
 */
@QuarkusTest
@TestProfile(RequestBudgetTest.ScaledDown.class)
class RequestBudgetTest extends OnTheSimulator {

    /** The function's own limit, scaled: what the caller must never wait past. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofMillis(3000);
    static final Duration SLOW = Duration.ofMillis(1600);
    static final Duration VERY_SLOW = Duration.ofSeconds(6);

    public static class ScaledDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anthropic.deadline", "2500ms", "anthropic.timeout", "2200ms");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKET = "{\"text\": \"I was charged twice for my subscription this month.\"}";
    private static final String INVOICE = "{\"text\": \"ACME GmbH invoice 2026-03-01: consulting 1200.00, total 1200.00\"}";


    private final List<List<CallRecord>> flushed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void warmUpThenRecordFlushes() {
        // The first request of a JVM pays for class loading in the test client and the mock event
        // server, before the budget starts; Lambda's own clock (used in production) would count it.
        given().contentType(ContentType.JSON).body(TICKET).when().post("/classify/ticket").then().statusCode(200);
        QuarkusMock.installMockForType(new DeferrableSink(flushed::add, false), DeferrableSink.class);
    }


    private static Fault slowAnswer(Duration delay, String json) throws Exception {
        return new Fault(0, null, null, Map.of(), delay, JSON.readTree(json), null);
    }

    private long millisOf(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private List<CallRecord> theOneFlush() {
        assertThat(flushed).hasSize(1);
        return flushed.get(0);
    }

    @Test
    void aSlowUnsureAnswerIsNotEscalatedWhenOpusCouldNotFinishInTime() throws Exception {
        simulator.failNext(slowAnswer(SLOW, "{\"category\":\"account\",\"confidence\":0.4}"));

        long took = millisOf(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("account"))
                .body("model", equalTo("claude-sonnet-4-6")));

        assertThat(took).isBetween(SLOW.toMillis(), FUNCTION_TIMEOUT.toMillis());
        assertThat(theOneFlush()).extracting(CallRecord::model).containsExactly("claude-sonnet-4-6");
    }

    @Test
    void anEscalationThatRunsOutOfTimeIsCutAtTheDeadlineAndTheFirstAnswerStands() throws Exception {
        simulator.failNext(slowAnswer(Duration.ZERO, "{\"category\":\"account\",\"confidence\":0.4}"));
        simulator.failNext(Fault.slow(VERY_SLOW));

        long took = millisOf(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("account"))
                .body("model", equalTo("claude-sonnet-4-6")));

        assertThat(took).isBetween(2000L, FUNCTION_TIMEOUT.toMillis());
        List<CallRecord> records = theOneFlush();
        assertThat(records).extracting(CallRecord::model).containsExactly("claude-sonnet-4-6", "claude-opus-4-6");
        assertThat(records.get(1).errorType()).isEqualTo("timeout");
        assertThat(records.get(1).escalation()).isTrue();
        assertThat(records.get(1).latency()).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aSlowInvalidAnswerWithNoTimeForARepairIsA504InsideTheBudget() throws Exception {
        simulator.failNext(slowAnswer(SLOW, "{\"vendor\":\"ACME GmbH\"}"));

        long took = millisOf(() -> given().contentType(ContentType.JSON).body(INVOICE)
                .when().post("/extract/invoice")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:upstream-timeout")));

        assertThat(took).isBetween(SLOW.toMillis(), FUNCTION_TIMEOUT.toMillis());
        assertThat(theOneFlush()).singleElement().satisfies(record -> assertThat(record.failed()).isFalse());
    }

    @Test
    void aRepairThatRunsOutOfTimeIsCutAtTheDeadlineAndAnswered504() throws Exception {
        simulator.failNext(slowAnswer(Duration.ZERO, "{\"vendor\":\"ACME GmbH\"}"));
        simulator.failNext(Fault.slow(VERY_SLOW));

        long took = millisOf(() -> given().contentType(ContentType.JSON).body(INVOICE)
                .when().post("/extract/invoice")
                .then().statusCode(504).contentType("application/problem+json"));

        assertThat(took).isBetween(2000L, FUNCTION_TIMEOUT.toMillis());
        List<CallRecord> records = theOneFlush();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).failed()).isFalse();
        assertThat(records.get(1).errorType()).isEqualTo("timeout");
    }

    @Test
    void theBudgetIsTheSmallerOfTheConfiguredOneAndTheInvocationsTimeLessTheMargin() {
        Duration configured = Duration.ofSeconds(28);
        Duration margin = Duration.ofMillis(1500);

        assertThat(RequestBudget.budget(configured, null, margin)).isEqualTo(configured);
        assertThat(RequestBudget.budget(configured, Duration.ofSeconds(30), margin)).isEqualTo(configured);
        assertThat(RequestBudget.budget(configured, Duration.ofSeconds(20), margin)).isEqualTo(Duration.ofMillis(18500));
    }

}
