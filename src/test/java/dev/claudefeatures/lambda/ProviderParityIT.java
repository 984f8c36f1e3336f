package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;

/**
 * The packaged functions deployed with {@code Provider=aws} and {@code Provider=bedrock}, as Lambda
 * runs them (as {@link ProdParityIT} runs the default): the template's environment for that
 * provider, the role's credentials in {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN} as Lambda gives them, and the simulator behind, checking every
 * signature. Every sample event is answered, chat streams, and no secret is ever read.
 */
class ProviderParityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SESSION_TOKEN = "provider-parity-session-token";
    private static final String REGION = "us-east-1";

    @ParameterizedTest
    @ValueSource(strings = {"aws", "bedrock"})
    void everySampleEventIsAnsweredOnTheProviderSignedWithTheRolesCredentialsAndNoSecretIsRead(String provider)
            throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("Provider", provider, "AwsWorkspaceId", "wrkspc_parity",
                "MetricsSink", "emf"));
        List<JsonNode> responses = new ArrayList<>();
        List<String> stdout;
        List<ReceivedRequest> received;
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
                LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding("sk-ant-never-read")) {
            Map<String, String> env = environment(template, runtimeApi.address(), "claude-features-" + provider,
                    upstream, secrets);
            assertThat(env).containsEntry("ANTHROPIC_PROVIDER", provider).doesNotContainKey("ANTHROPIC_API_KEY_SECRET_ID");
            // Priming at init, as without SnapStart: the rehearsal against the in-process simulator, signed with
            // its test credentials, then the connection ahead to the provider, signed with the role's.
            env.put("LAMBDA_PRIMING", "init");
            env.put("LAMBDA_PRIMING_ROUNDS", "2"); // the default 300 would add seconds to the start

            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), Files.createDirectories(Path.of("target", "parity-" + provider)),
                    template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                Duration timeout = Duration.ofSeconds(template.functionTimeoutSeconds());
                for (Path event : sampleEvents()) {
                    responses.add(JSON.readTree(function.invoke(runtimeApi, Files.readString(event), timeout).response()));
                }
                // Throttled once (Bedrock's ThrottlingException), retried as the SDKs retry: still answered.
                upstream.failNext(Fault.error(429, "rate_limit_error"));
                responses.add(JSON.readTree(function.invoke(runtimeApi,
                        Files.readString(Path.of("infra", "events", "summarise.json")), timeout).response()));
                stdout = function.stdoutLines();
                assertThat(String.join("\n", stdout)).contains("Primed ")
                        .contains("Read the API key (or AWS credentials) and connected to the API ahead of the first "
                                + "invocation").doesNotContain("Could not connect", "Priming skipped");
            }
            received = upstream.received();
            assertThat(secrets.targets()).as("nothing reads Secrets Manager").isEmpty();
        }

        assertThat(responses).hasSize(sampleEvents().size() + 1).allSatisfy(response -> assertThat(
                response.path("statusCode").asInt()).as("%s", response).isEqualTo(200));
        String service = provider.equals("aws") ? "aws-external-anthropic" : "bedrock";
        assertThat(received).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                    .contains("/" + REGION + "/" + service + "/aws4_request");
            assertThat(request.header("x-amz-security-token")).isEqualTo(SESSION_TOKEN);
            assertThat(request.header("x-api-key")).isNull();
        });
        List<String> paths = received.stream().map(request -> URLDecoder.decode(request.path(), StandardCharsets.UTF_8))
                .toList();
        if (provider.equals("aws")) {
            assertThat(paths).allMatch(path -> path.startsWith("/v1/messages"));
            assertThat(received).allSatisfy(request -> assertThat(request.header("anthropic-workspace-id"))
                    .isEqualTo("wrkspc_parity"));
        } else {
            assertThat(paths).contains("/model/global.anthropic.claude-sonnet-4-6/invoke")
                    .allMatch(path -> path.startsWith("/model/global.anthropic."));
        }
        List<JsonNode> usage = lines(stdout).stream().filter(line -> "claude_call".equals(line.path("type").asText()))
                .toList();
        assertThat(usage).isNotEmpty().allSatisfy(line -> assertThat(line.path("provider").asText()).isEqualTo(provider));
        assertThat(usage).anySatisfy(line -> assertThat(line.path("attempts").asInt()).isEqualTo(2));
        assertThat(lines(stdout).stream().filter(line -> line.has("_aws")).toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("provider").asText()).isEqualTo(provider));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "bedrock"})
    void chatStreamsItsTurnFromTheProvider(String provider) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("Provider", provider, "AwsWorkspaceId", "wrkspc_parity"));
        JsonNode chat = template.resources().path("ChatFunction").path("Properties");
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "chat.json")));
        ((ObjectNode) event.path("headers")).put("accept", "text/event-stream");

        try (LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi(upstream::streamsOpen);
                FakeSecretsManager secrets = FakeSecretsManager.holding("sk-ant-never-read")) {
            Map<String, String> env = environment(template, runtimeApi.address(), "claude-features-chat", upstream,
                    secrets);
            chat.path("Environment").path("Variables").fields()
                    .forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
            env.put("TELEMETRY_SINK", "emf");
            try (PackagedFunction function = PackagedFunction.start(Path.of(chat.path("CodeUri").asText()),
                    Path.of("target", "lambda-runtime"),
                    Files.createDirectories(Path.of("target", "parity-chat-" + provider)), template.functionMemoryMb(),
                    env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                FakeRuntimeApi.Result streamed = runtimeApi.invoke(event.toString(), Duration.ofSeconds(60))
                        .get(60, TimeUnit.SECONDS);

                assertThat(streamed.error()).isFalse();
                assertThat(JSON.readTree(streamed.streamed().prelude()).path("statusCode").asInt()).isEqualTo(200);
                assertThat(streamed.streamed().atFirstText()).as("the upstream stream still open at the first text")
                        .isEqualTo(1);
                assertThat(streamed.body()).contains("event:delta", "event:done");
                assertThat(function.stdoutLines()).anyMatch(line -> line.contains("\"type\":\"claude_call\"")
                        && line.contains("\"provider\":\"" + provider + "\"") && line.contains("time_to_first_token_ms"));
            }
            String streamPath = URLDecoder.decode(upstream.received().get(upstream.received().size() - 1).path(),
                    StandardCharsets.UTF_8);
            assertThat(streamPath).isEqualTo(provider.equals("aws") ? "/v1/messages"
                    : "/model/global.anthropic.claude-sonnet-4-6/invoke-with-response-stream");
            assertThat(secrets.targets()).isEmpty();
        }
    }

    /** Lambda's own variables with the role's credentials the simulator accepts, and the template's for the provider. */
    private static Map<String, String> environment(SamTemplate template, String runtimeApi, String name,
            LoopbackSimulator upstream, FakeSecretsManager secrets) {
        Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi, name,
                template.functionMemoryMb()));
        env.putAll(template.functionEnvironment());
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        env.put("ANTHROPIC_BASE_URL", upstream.baseUri().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        return env;
    }

    private static List<Path> sampleEvents() throws java.io.IOException {
        try (var files = Files.list(Path.of("infra", "events"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<JsonNode> lines(List<String> stdout) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : stdout) {
            try {
                parsed.add(JSON.readTree(line));
            } catch (java.io.IOException notJson) {
                throw new AssertionError("stdout line is not JSON: " + line, notJson);
            }
        }
        return parsed;
    }
}
