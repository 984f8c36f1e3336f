package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.brake.SpendBrakeTest;
import dev.claudefeatures.testing.FakeLambdaApi;
import dev.claudefeatures.testing.SamTemplate;

/**
 * target/brake.zip as Lambda runs it (Runtime Interface Client, the template's handler), against a
 * fake Lambda API: the EventBridge event of the spend alarm going off stops every function it is
 * given, {@code {"action":"release"}} gives each its configured concurrency back, and any other
 * payload changes nothing.
 */
class SpendBrakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FUNCTIONS = List.of("stack-Summarise", "stack-ExtractInvoice", "stack-ClassifyTicket");
    /** Not the template's default (10), so that a release can only have it from the environment. */
    private static final int CONCURRENCY = 7;
    private static final Duration INVOCATION = Duration.ofSeconds(30);

    @Test
    void givenTheAlarmStoppedTheFunctions_whenReleased_thenEachGetsItsConcurrencyBackAndNoOtherIsTouched() throws Exception {
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi(); FakeLambdaApi lambda = FakeLambdaApi.start();
                PackagedFunction brake = start(runtimeApi, lambda)) {
            PackagedFunction.Answered stop = brake.invoke(runtimeApi, SpendBrakeTest.alarmEvent("ALARM"), INVOCATION);
            PackagedFunction.Answered release = brake.invoke(runtimeApi, "{\"action\":\"release\"}", INVOCATION);

            assertThat(lambda.received()).extracting(FakeLambdaApi.Received::method, FakeLambdaApi.Received::path,
                    FakeLambdaApi.Received::body).containsExactly(
                            put("stack-Summarise", 0), put("stack-ExtractInvoice", 0), put("stack-ClassifyTicket", 0),
                            put("stack-Summarise", CONCURRENCY), put("stack-ExtractInvoice", CONCURRENCY),
                            put("stack-ClassifyTicket", CONCURRENCY));
            String stopped = "{\"type\":\"spend_brake\",\"action\":\"stop\",\"alarm\":\"SpendBrakeAlarm\",\"state\":\"ALARM\","
                    + "\"stopped\":[\"stack-Summarise\",\"stack-ExtractInvoice\",\"stack-ClassifyTicket\"]}";
            String released = "{\"type\":\"spend_brake\",\"action\":\"release\","
                    + "\"released\":[\"stack-Summarise\",\"stack-ExtractInvoice\",\"stack-ClassifyTicket\"],\"concurrency\":7}";
            assertThat(JSON.readTree(stop.response())).isEqualTo(JSON.readTree(stopped));
            assertThat(stop.stdout()).containsExactly(stopped);
            assertThat(JSON.readTree(release.response())).isEqualTo(JSON.readTree(released));
            assertThat(release.stdout()).containsExactly(released);
        }
    }

    @Test
    void givenAPayloadThatIsNeitherAnAlarmNorARelease_whenInvoked_thenNothingChangesAndTheLineSaysSo() throws Exception {
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi(); FakeLambdaApi lambda = FakeLambdaApi.start();
                PackagedFunction brake = start(runtimeApi, lambda)) {
            PackagedFunction.Answered answered = brake.invoke(runtimeApi, "{\"action\":\"relase\"}", INVOCATION);

            assertThat(lambda.received()).isEmpty();
            assertThat(JSON.readTree(answered.response()).path("action").asText()).isEqualTo("none");
            assertThat(answered.stdout()).singleElement().satisfies(line -> assertThat(JSON.readTree(line))
                    .isEqualTo(JSON.readTree(answered.response())));
            assertThat(brake.stderr()).doesNotContain("Exception");
        }
    }

    private static PackagedFunction start(FakeRuntimeApi runtimeApi, FakeLambdaApi lambda) throws Exception {
        JsonNode template = SamTemplate.read(Map.of()).resources().path("SpendBrakeFunction").path("Properties");
        Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(),
                "claude-features-spend-brake", template.path("MemorySize").asInt()));
        env.put("BRAKE_FUNCTIONS", String.join(",", FUNCTIONS));
        env.put("BRAKE_CONCURRENCY", Integer.toString(CONCURRENCY));
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());
        PackagedFunction function = PackagedFunction.start(Path.of(template.path("CodeUri").asText()),
                Path.of("target", "lambda-runtime"), Path.of("target", "spend-brake"),
                template.path("MemorySize").asInt(), env, template.path("Handler").asText());
        try {
            function.awaitInit(runtimeApi, Duration.ofSeconds(60));
            return function;
        } catch (Exception | AssertionError e) {
            function.close();
            throw e;
        }
    }

    private static org.assertj.core.groups.Tuple put(String function, int concurrency) {
        return tuple("PUT", "/2017-10-31/functions/" + function + "/concurrency",
                "{\"ReservedConcurrentExecutions\":" + concurrency + "}");
    }
}
