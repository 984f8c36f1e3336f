package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.FakeLambdaApi;
import dev.claudefeatures.testing.SamTemplate;

/**
 * target/brake.zip as Lambda runs it (Runtime Interface Client, the template's handler), fed the
 * EventBridge event of the spend alarm going off: it stops every function it is given, against
 * a fake Lambda API.
 */
class SpendBrakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePackagedBrakeStopsTheFunctionsWhenTheAlarmGoesOff() throws Exception {
        JsonNode brake = SamTemplate.read(Map.of()).resources().path("SpendBrakeFunction").path("Properties");
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi(); FakeLambdaApi lambda = FakeLambdaApi.start()) {
            Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(),
                    "claude-features-spend-brake", brake.path("MemorySize").asInt()));
            env.put("BRAKE_FUNCTIONS", "stack-Summarise,stack-ExtractInvoice,stack-ClassifyTicket");
            env.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());

            try (PackagedFunction function = PackagedFunction.start(Path.of(brake.path("CodeUri").asText()),
                    Path.of("target", "lambda-runtime"), Path.of("target", "spend-brake"),
                    brake.path("MemorySize").asInt(), env, brake.path("Handler").asText())) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                JsonNode result = JSON.readTree(function.invoke(runtimeApi,
                        dev.claudefeatures.brake.SpendBrakeTest.alarmEvent("ALARM"), Duration.ofSeconds(30)).response());

                assertThat(result.path("stopped")).hasSize(3);
                assertThat(lambda.received()).extracting(FakeLambdaApi.Received::path).containsExactly(
                        "/2017-10-31/functions/stack-Summarise/concurrency",
                        "/2017-10-31/functions/stack-ExtractInvoice/concurrency",
                        "/2017-10-31/functions/stack-ClassifyTicket/concurrency");
                assertThat(lambda.received()).allSatisfy(request -> assertThat(request.body())
                        .contains("\"ReservedConcurrentExecutions\":0"));
                assertThat(function.stdoutLines()).anyMatch(line -> line.startsWith("{\"type\":\"spend_brake\""));
            }
        }
    }
}
