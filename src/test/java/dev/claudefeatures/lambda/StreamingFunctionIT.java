package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;

/**
 * The chat function as Lambda runs it: the package the template deploys it from
 * ({@code target/jvm/function.zip}) unpacked, started by the java21 runtime's command line
 * through the template's exec wrapper (so the application's own main and its streaming runtime
 * loop, not the Runtime Interface Client), with the production profile and Lambda's JVM options.
 * A fake Runtime API hands it the chat sample event as a Function URL would, and reads the
 * streamed response; the upstream streams an event every 40 ms.
 */
class StreamingFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sk-ant-" + "streaming-test-key-never-logged"; // split: a fake key

    @Test
    void theChatFunctionStreamsItsAnswerToTheRuntimeApiBeforeTheUpstreamHasFinished() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of());
        JsonNode chat = template.resources().path("ChatFunction").path("Properties");
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "chat.json")));
        ((ObjectNode) event.path("headers")).put("accept", "text/event-stream");

        try (LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi(upstream::streamsOpen);
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY)) {
            Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(),
                    "claude-features-chat", template.functionMemoryMb()));
            env.putAll(template.functionEnvironment());
            chat.path("Environment").path("Variables").fields()
                    .forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
            env.put("ANTHROPIC_BASE_URL", upstream.baseUri().toString());
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
            env.put("TELEMETRY_SINK", "emf");
            assertThat(env).containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/var/task/stream-runtime");

            // The package the template deploys chat from (the JVM package under either runtime).
            try (PackagedFunction function = PackagedFunction.start(Path.of(chat.path("CodeUri").asText()),
                    Path.of("target", "lambda-runtime"), Files.createDirectories(Path.of("target", "streaming-function")),
                    template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                FakeRuntimeApi.Result streamed = runtimeApi.invoke(event.toString(), Duration.ofSeconds(60))
                        .get(60, TimeUnit.SECONDS);
                FakeRuntimeApi.Result json = runtimeApi.invoke(Files.readString(Path.of("infra", "events", "chat.json")),
                        Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);

                assertThat(function.arguments()).contains("-Dlambda.streaming-runtime=true", "-XX:+UseSerialGC",
                        "io.quarkus.runner.GeneratedMain");
                assertThat(function.arguments()).doesNotContain(PackagedFunction.RIC_MAIN);
                assertThat(streamed.error()).isFalse();
                assertThat(streamed.streamed()).as("posted in streaming mode").isNotNull();
                assertThat(streamed.streamed().contentType())
                        .isEqualTo("application/vnd.awslambda.http-integration-response");
                JsonNode prelude = JSON.readTree(streamed.streamed().prelude());
                assertThat(prelude.path("statusCode").asInt()).isEqualTo(200);
                assertThat(prelude.path("headers").path("Content-Type").asText()).startsWith("text/event-stream");
                assertThat(streamed.streamed().atFirstText()).as("upstream streams open when the first text reached "
                        + "Lambda").isEqualTo(1);
                assertThat(streamed.body()).contains("event:delta", "event:done");
                assertThat(JSON.readTree(json.streamed().prelude()).path("headers").path("Content-Type").asText())
                        .startsWith("application/json");
                assertThat(JSON.readTree(json.body()).path("reply").asText()).startsWith("[offline simulator]");
                List<String> stdout = function.stdoutLines();
                assertThat(stdout).anyMatch(line -> line.contains("\"type\":\"claude_call\"")
                        && line.contains("\"time_to_first_token_ms\""));
                assertThat(stdout).anyMatch(line -> line.contains("\"TimeToFirstToken\"") && line.contains("\"_aws\""));
                assertThat(String.join("\n", stdout) + function.stderr()).doesNotContain(API_KEY);
            }
        }
    }
}
