package dev.claudefeatures.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.simulator.OfflineSimulator;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.DeferrableSink;
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

    @Test
    void beforeTheSnapshotEveryFeatureIsRehearsedAndNothingIsRecorded() throws Exception {
        List<List<CallRecord>> published = new CopyOnWriteArrayList<>();
        QuarkusMock.installMockForType(new DeferrableSink(published::add, false), DeferrableSink.class);
        LineCapture stdout = LineCapture.install();
        List<String> primed = new CopyOnWriteArrayList<>();
        long mark = simulator.receivedCount();

        priming.snapshotHook(event -> {
            try {
                primed.add(JSON.readTree(event).path("rawPath").asText());
                String answer = given().contentType(ContentType.JSON).body(event).when().post("/_lambda_")
                        .then().extract().asString();
                return JSON.readTree(answer).path("statusCode").asInt();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).beforeCheckpoint(null);

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
}
