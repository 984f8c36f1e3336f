package dev.claudefeatures.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.OfflineSimulator;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.DeferrableSink;
import dev.claudefeatures.telemetry.Rehearsal;
import dev.claudefeatures.testing.LineCapture;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The hook SnapStart calls before its snapshot: every configured feature answers its packaged
 * sample event through the whole path, against the simulator, with its calls recorded (built)
 * but neither written nor published; afterwards calls are recorded as usual. Offline, as here,
 * the simulator the features already use stays up. {@link PrimingIT} proves the same on the
 * packaged function, where the configured upstream must receive nothing.
 */
@QuarkusTest
class PrimingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Priming priming;

    @Inject
    Policies policies;

    @Inject
    OfflineSimulator simulator;

    @Inject
    LambdaConfig config;

    @Inject
    Rehearsal rehearsal;

    @Inject
    AnthropicConfig anthropic;

    @Inject
    AnthropicEndpoint endpoint;

    @Test
    void beforeTheSnapshotEveryFeatureIsRehearsedAndNothingIsRecorded() throws Exception {
        List<List<CallRecord>> published = new CopyOnWriteArrayList<>();
        QuarkusMock.installMockForType(new DeferrableSink(published::add, false, rehearsal), DeferrableSink.class);
        LineCapture stdout = LineCapture.install();
        List<String> primed = new CopyOnWriteArrayList<>();
        long mark = simulator.receivedCount();

        priming.snapshotHook(event -> {
            primed.add(path(event));
            return statusOf(lambda(event));
        }, false).beforeCheckpoint(null);

        assertThat(config.feature()).as("no feature named, as in dev: every one is rehearsed").isEmpty();
        assertThat(config.primingRounds()).isEqualTo(2);
        assertThat(primed).as("each configured feature, once per round").hasSize(2 * policies.features().size())
                .containsAll(List.of("/summarise", "/chat", "/classify/ticket"));
        assertThat(simulator.receivedCount() - mark).as("each rehearsal called the simulator")
                .isGreaterThanOrEqualTo(2L * policies.features().size());
        assertThat(published).as("no metric published").isEmpty();
        assertThat(stdout.lines()).as("no usage line or EMF document written").isEmpty();
        assertThat(simulator.isRunning()).isTrue();

        given().contentType(ContentType.JSON).body("{\"text\": \"After the snapshot, calls count again.\"}")
                .when().post("/summarise").then().statusCode(200);
        assertThat(published).as("a real call after the rehearsal is published").hasSize(1);
        assertThat(stdout.lines()).as("and has its usage line").hasSize(1);
    }

    @Test
    void aFunctionThatNamesItsFeatureRehearsesItAloneWithItsSampleEvent() throws Exception {
        List<Priming.SampleEvent> rehearsals = priming.rehearsals(List.of("summarise"), false);

        assertThat(rehearsals).singleElement().satisfies(rehearsal -> {
            assertThat(rehearsal.feature()).isEqualTo("summarise");
            assertThat(path(rehearsal.event())).isEqualTo("/summarise");
            assertThat(statusOf(lambda(rehearsal.event()))).isEqualTo(200);
        });
    }

    @Test
    void aRuntimeThatStreamsRehearsesTheStreamedAnswerToo() throws Exception {
        List<Priming.SampleEvent> rehearsals = priming.rehearsals(List.of("chat"), true);

        assertThat(rehearsals).hasSize(2).allSatisfy(rehearsal -> assertThat(rehearsal.feature()).isEqualTo("chat"));
        com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(lambda(rehearsals.get(0).event()));
        com.fasterxml.jackson.databind.JsonNode streamed = JSON.readTree(lambda(rehearsals.get(1).event()));
        assertThat(json.path("headers").path("Content-Type").asText()).startsWith("application/json");
        assertThat(JSON.readTree(rehearsals.get(1).event()).path("headers").path("accept").asText())
                .isEqualTo("text/event-stream");
        assertThat(streamed.path("statusCode").asInt()).isEqualTo(200);
        assertThat(streamed.path("headers").path("Content-Type").asText()).startsWith("text/event-stream");
        assertThat(streamed.path("body").asText()).contains("event:delta", "event:done");
    }

    /** The event's answer, as the mock event server gives an answer of the function: whole. */
    private static String lambda(String event) {
        return given().contentType(ContentType.JSON).body(event).when().post("/_lambda_").then().extract().asString();
    }

    private static int statusOf(String answer) {
        try {
            return JSON.readTree(answer).path("statusCode").asInt();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String path(String event) {
        try {
            return JSON.readTree(event).path("rawPath").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void afterTheRestoreTheKeyIsReadAndTheApiConnectedWithOneFreeCallThatRecordsNothing() throws Exception {
        List<List<CallRecord>> published = new CopyOnWriteArrayList<>();
        QuarkusMock.installMockForType(new DeferrableSink(published::add, false, rehearsal), DeferrableSink.class);
        LineCapture stdout = LineCapture.install();
        long mark = simulator.receivedCount();

        priming.snapshotHook(event -> 200, false).afterRestore(null);

        assertThat(simulator.receivedSince(mark)).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/v1/messages/count_tokens");
            assertThat(call.header("x-api-key")).isNotBlank();
        });
        assertThat(published).as("no metric").isEmpty();
        assertThat(stdout.lines()).as("no usage line").isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(10) // without the bound, the restore would wait for ever
    void connectingAheadGivesUpWaitingAtItsBoundWhileTheConnectionStillHangs() throws Exception {
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.time.Duration> given = new java.util.concurrent.CopyOnWriteArrayList<>();
        QuarkusMock.installMockForType(new MessagesClient(anthropic, endpoint) {
            @Override
            public void connect(String model, java.time.Duration within) {
                given.add(within);
                entered.countDown();
                try {
                    released.await(); // as a Secrets Manager that does not answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, MessagesClient.class);
        try {
            priming.connectAhead(java.time.Duration.ofMillis(100));

            assertThat(released.getCount()).as("the connection still hangs when init goes on").isEqualTo(1);
            entered.await();
            assertThat(given).containsExactly(java.time.Duration.ofMillis(100));
        } finally {
            released.countDown();
        }
    }

    @Test
    void aRestoreWhoseConnectionFailsLeavesTheFirstCallToTryAgain() throws Exception {
        simulator.failNext(Fault.error(401, "authentication_error"));
        long mark = simulator.receivedCount();

        priming.snapshotHook(event -> 200, false).afterRestore(null);

        assertThat(simulator.receivedSince(mark)).as("a 401 is not retried").hasSize(1);
        given().contentType(ContentType.JSON).body("{\"text\": \"The first call after the restore.\"}")
                .when().post("/summarise").then().statusCode(200);
    }
}
