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
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.SamTemplate;

/**
 * Priming on the packaged function, under both runtimes the template uses, each function with its
 * own environment from template.yaml: with {@code LAMBDA_PRIMING=init} (the rehearsal SnapStart
 * runs before its snapshot, run at the end of init here, where no snapshot can be taken) the
 * function's own feature ({@code LAMBDA_FEATURE}), and only it, has answered its sample event
 * before the first {@code /next} (the chat function's streaming runtime: once more asking for
 * {@code text/event-stream}), against the built-in simulator: the configured upstream receives
 * nothing of the rehearsal, no usage line or metric is written, and the first real invocation goes
 * to the configured upstream and is recorded as usual. After the rehearsal, init reads the key from
 * Secrets Manager and connects to the upstream with one free {@code count_tokens} call
 * ({@code lambda.connect-ahead}), which records nothing either.
 */
class PrimingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sk-ant-" + "priming-test-key"; // split: a fake key
    /** Each function rehearses the feature it serves, whichever the configuration holds. */
    private static final String MANAGED_FEATURE = "summarise";
    private static final String STREAMING_FEATURE = "chat";

    @Test
    void theManagedRuntimesFunctionPrimesItsOwnFeatureWithoutCallingOrRecordingAnything() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        try (LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY);
                PackagedFunction function = start(runtimeApi, upstream, secrets,
                        functionEnvironment(template, MANAGED_FEATURE), "managed",
                        Path.of(template.globalFunction().path("CodeUri").asText()))) {
            function.awaitInit(runtimeApi, Duration.ofSeconds(90));

            assertPrimedWithoutTrace(function, upstream, MANAGED_FEATURE, 1);
            PackagedFunction.Answered first = function.invoke(runtimeApi,
                    Files.readString(Path.of("infra", "events", "summarise.json")), Duration.ofSeconds(30));
            assertThat(JSON.readTree(first.response()).path("statusCode").asInt()).isEqualTo(200);
            assertThat(upstream.received()).as("the first real call went to the configured upstream").hasSize(2)
                    .last().satisfies(call -> assertThat(call.path()).isEqualTo("/v1/messages"));
            assertThat(secrets.targets()).as("the key was read once, during init").hasSize(1);
            assertThat(usageLines(first.stdout())).singleElement()
                    .satisfies(line -> assertThat(line.path("feature").asText()).isEqualTo("summarise"));
        }
    }

    @Test
    void theStreamingRuntimesFunctionPrimesItsOwnFeatureJsonAndStreamed() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        Map<String, String> chat = functionEnvironment(template, STREAMING_FEATURE);
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "chat.json")));
        ((ObjectNode) event.path("headers")).put("accept", "text/event-stream");
        try (LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY);
                PackagedFunction function = start(runtimeApi, upstream, secrets, chat, "streaming",
                        Path.of(template.resources().path("ChatFunction").path("Properties").path("CodeUri").asText()))) {
            function.awaitInit(runtimeApi, Duration.ofSeconds(90));

            assertThat(function.arguments()).contains("-Dlambda.streaming-runtime=true");
            assertPrimedWithoutTrace(function, upstream, STREAMING_FEATURE, 2);
            FakeRuntimeApi.Result streamed = runtimeApi.invoke(event.toString(), Duration.ofSeconds(30))
                    .get(60, TimeUnit.SECONDS);
            assertThat(streamed.streamed()).isNotNull();
            assertThat(streamed.body()).contains("event:done");
            assertThat(upstream.received()).hasSize(2).last()
                    .satisfies(call -> assertThat(call.path()).isEqualTo("/v1/messages"));
        }
    }

    /** The variables template.yaml gives the function of {@code feature}, its own beside the Globals'. */
    private static Map<String, String> functionEnvironment(SamTemplate template, String feature) {
        Map<String, String> env = new LinkedHashMap<>();
        template.resources().path(FeatureDeployment.stem(feature) + "Function").path("Properties").path("Environment")
                .path("Variables").fields().forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
        assertThat(env).containsEntry("LAMBDA_FEATURE", feature);
        return env;
    }

    private static void assertPrimedWithoutTrace(PackagedFunction function, LoopbackSimulator upstream, String feature,
            int rehearsals) throws Exception {
        List<String> init = function.stdoutLines();
        assertThat(init).as("the priming summary: %s alone, %d rehearsal(s)", feature, rehearsals)
                .anyMatch(line -> line.contains("Primed 1 feature(s) against the offline simulator, [" + feature + "], "
                        + rehearsals + " rehearsal(s) x 2 round(s)") && !line.contains("not answered 2xx"));
        assertThat(upstream.received()).as("no call of the rehearsal reached the configured upstream; one count_tokens"
                + " call, with the key from Secrets Manager, connected ahead of the first invocation").singleElement()
                .satisfies(call -> {
                    assertThat(call.path()).isEqualTo("/v1/messages/count_tokens");
                    assertThat(call.header("x-api-key")).isEqualTo(API_KEY);
                });
        assertThat(init).as("connected ahead").anyMatch(line -> line.contains(
                "Read the API key (or AWS credentials) and connected to the API ahead of the first invocation"));
        assertThat(usageLines(init)).as("no usage line for the rehearsal").isEmpty();
        assertThat(init).as("no EMF document for the rehearsal").noneMatch(line -> line.contains("\"_aws\""));
    }

    private static List<JsonNode> usageLines(List<String> lines) {
        return lines.stream().filter(line -> line.contains("\"type\":\"claude_call\"")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    private static PackagedFunction start(FakeRuntimeApi runtimeApi, LoopbackSimulator upstream,
            FakeSecretsManager secrets, Map<String, String> more, String name, Path codeUri) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        Map<String, String> env = PackagedFunction.environment(runtimeApi, "claude-features-priming-" + name, template,
                upstream.baseUri(), secrets.endpoint());
        env.putAll(more);
        env.put("LAMBDA_PRIMING", "init");
        env.put("ANTHROPIC_SIMULATOR_PORT", "0"); // Lambda gives the function the port to itself; this machine may not
        env.put("LAMBDA_PRIMING_ROUNDS", "2"); // the default 300 would add seconds to each start
        return PackagedFunction.start(codeUri, Path.of("target", "lambda-runtime"),
                Files.createDirectories(Path.of("target", "priming", name)), template.functionMemoryMb(), env);
    }
}
