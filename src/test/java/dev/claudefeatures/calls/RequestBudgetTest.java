package dev.claudefeatures.calls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.Ticker;
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
 * Every call made for one request draws on one deadline. The request's clock is a ticker that the
 * test moves on: a slow first answer is charged to it and costs no wall-clock time. A call still
 * waiting at the deadline is cut there by the client's own timeout (that the attempt's timeout is
 * the time left, and never more, {@code RetryPolicyTest} proves on a fake clock), and every call
 * made is recorded and flushed with the answer.
 */
@QuarkusTest
@TestProfile(RequestBudgetTest.ScaledDown.class)
class RequestBudgetTest extends OnTheSimulator {

    /** What a slow first answer is charged: more than half the budget, so nothing fits after it. */
    static final Duration SLOW = Duration.ofMillis(700);
    /** Longer than the whole budget, held for real by the simulator: only the deadline ends it. */
    static final Duration VERY_SLOW = Duration.ofSeconds(6);

    /** A budget of 1.2 s, and an attempt timeout above it, so that the deadline is what cuts a call. */
    public static class ScaledDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anthropic.deadline", "1200ms", "anthropic.timeout", "2200ms");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKET = "{\"text\": \"I was charged twice for my subscription this month.\"}";
    private static final String INVOICE = "{\"text\": \"ACME GmbH invoice 2026-03-01: consulting 1200.00, total 1200.00\"}";

    private final List<List<CallRecord>> flushed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void warmUpThenRecordFlushes() {
        // The first request of a JVM pays for class loading in the test client and the mock event
        // server; the escalation and repair tests need their first answer back well inside the budget.
        given().contentType(ContentType.JSON).body(TICKET).when().post("/classify/ticket").then().statusCode(200);
        QuarkusMock.installMockForType(new DeferrableSink(flushed::add, false), DeferrableSink.class);
    }

    /**
     * The request's clock: wall-clock time plus the charges of the requests the simulator has
     * received since it was installed. The n-th request's charge counts from the moment it arrives,
     * so the call that sent it sees its answer take that long.
     */
    private void chargeRequests(Duration... charges) {
        long mark = simulator.receivedCount();
        QuarkusMock.installMockForType((Ticker) () -> {
            long received = simulator.receivedCount() - mark;
            long charged = Arrays.stream(charges).limit(received).mapToLong(Duration::toNanos).sum();
            return System.nanoTime() + charged;
        }, Ticker.class);
    }

    private static Fault answer(Duration delay, String json) throws Exception {
        return new Fault(0, null, null, Map.of(), delay, JSON.readTree(json), null);
    }

    private List<CallRecord> theOneFlush() {
        assertThat(flushed).hasSize(1);
        return flushed.get(0);
    }

    @Test
    void aSlowUnsureAnswerIsNotEscalatedWhenOpusCouldNotFinishInTime() throws Exception {
        chargeRequests(SLOW);
        simulator.failNext(answer(Duration.ZERO, "{\"category\":\"account\",\"confidence\":0.4}"));

        given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("account"))
                .body("model", equalTo("claude-sonnet-4-6"));

        assertThat(theOneFlush()).extracting(CallRecord::model).containsExactly("claude-sonnet-4-6");
    }

    @Test
    void anEscalationThatRunsOutOfTimeIsCutAtTheDeadlineAndTheFirstAnswerStands() throws Exception {
        chargeRequests();
        simulator.failNext(answer(Duration.ZERO, "{\"category\":\"account\",\"confidence\":0.4}"));
        simulator.failNext(Fault.slow(VERY_SLOW));

        given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("account"))
                .body("model", equalTo("claude-sonnet-4-6"));

        List<CallRecord> records = theOneFlush();
        assertThat(records).extracting(CallRecord::model).containsExactly("claude-sonnet-4-6", "claude-opus-4-6");
        assertThat(records.get(1).errorType()).isEqualTo("timeout");
        assertThat(records.get(1).escalation()).isTrue();
        assertThat(records.get(1).attempts()).as("no time is left for a retry after the cut").isEqualTo(1);
    }

    @Test
    void aSlowInvalidAnswerWithNoTimeForARepairIsA504() throws Exception {
        chargeRequests(SLOW);
        simulator.failNext(answer(Duration.ZERO, "{\"vendor\":\"ACME GmbH\"}"));

        given().contentType(ContentType.JSON).body(INVOICE)
                .when().post("/extract/invoice")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:upstream-timeout"));

        assertThat(theOneFlush()).singleElement().satisfies(record -> assertThat(record.failed()).isFalse());
    }

    @Test
    void aRepairThatRunsOutOfTimeIsCutAtTheDeadlineAndAnswered504() throws Exception {
        chargeRequests();
        simulator.failNext(answer(Duration.ZERO, "{\"vendor\":\"ACME GmbH\"}"));
        simulator.failNext(Fault.slow(VERY_SLOW));

        given().contentType(ContentType.JSON).body(INVOICE)
                .when().post("/extract/invoice")
                .then().statusCode(504).contentType("application/problem+json");

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
