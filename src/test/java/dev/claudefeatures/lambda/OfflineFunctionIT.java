package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.testing.SamTemplate;

/**
 * {@code sam local invoke --env-vars infra/env.offline.json}, as far as it can be played here: the
 * packaged function in the production profile, with the template's environment overridden by
 * that file, answers every sample event from the built-in simulator, with no key and no secret; and
 * events that are no JSON request (a Content-Type that does not parse, a body that is not UTF-8,
 * one flagged base64 that is not) are answered 4xx problems and call nothing.
 */
class OfflineFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePackagedFunctionAnswersEverySampleEventOfflineWithTheOfflineEnvFile() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of());
        JsonNode offline = JSON.readTree(Files.readString(Path.of("infra", "env.offline.json"))).path("Parameters");
        assertThat(offline.size()).isPositive();
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(),
                    "claude-features-offline", template.functionMemoryMb()));
            env.putAll(template.functionEnvironment());
            offline.fields().forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
            env.put("ANTHROPIC_SIMULATOR_PORT", "0"); // SAM's container has the port to itself; this machine may not

            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), Path.of("target", "offline-function"),
                    template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                List<Path> events;
                try (var files = Files.list(Path.of("infra", "events"))) {
                    events = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
                }
                assertThat(events).isNotEmpty();
                for (Path event : events) {
                    JsonNode response = JSON.readTree(function.invoke(runtimeApi, Files.readString(event),
                            Duration.ofSeconds(template.functionTimeoutSeconds())).response());
                    assertThat(response.path("statusCode").asInt()).as("%s: %s", event, response).isEqualTo(200);
                }
                long usageLines = usageLines(function);
                for (Map.Entry<String, ObjectNode> malformed : malformedEvents(events.get(0)).entrySet()) {
                    JsonNode response = JSON.readTree(function.invoke(runtimeApi, malformed.getValue().toString(),
                            Duration.ofSeconds(template.functionTimeoutSeconds())).response());
                    String body = response.path("body").asText();
                    JsonNode problem = JSON.readTree(response.path("isBase64Encoded").asBoolean()
                            ? new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8)
                            : body);
                    assertThat(response.path("statusCode").asInt()).as("%s: %s", malformed.getKey(), response)
                            .isBetween(400, 499);
                    assertThat(response.path("headers").path("Content-Type").asText()).startsWith("application/problem+json");
                    assertThat(problem.path("status").asInt()).isEqualTo(response.path("statusCode").asInt());
                }
                assertThat(usageLines(function)).as("calls made for the malformed events").isEqualTo(usageLines);
                assertThat(function.stdoutLines()).anyMatch(line -> line.contains("offline simulator"));
                // Offline runs must not put metrics into the owner's CloudWatch: the file chooses EMF lines.
                assertThat(function.stdoutLines()).anyMatch(line -> line.startsWith("{\"_aws\""));
            }
        }
    }

    private static long usageLines(PackagedFunction function) throws java.io.IOException {
        return function.stdoutLines().stream().filter(line -> line.contains("\"type\":\"claude_call\"")).count();
    }

    /** Events a caller can cause that are no JSON request: each must be a 4xx problem and no call. */
    private static Map<String, ObjectNode> malformedEvents(Path sample) throws java.io.IOException {
        Map<String, ObjectNode> events = new LinkedHashMap<>();
        ObjectNode contentType = (ObjectNode) JSON.readTree(Files.readString(sample));
        ((ObjectNode) contentType.path("headers")).put("content-type", "%%%;;;==");
        events.put("a Content-Type that does not parse", contentType);
        ObjectNode notUtf8 = (ObjectNode) JSON.readTree(Files.readString(sample));
        notUtf8.put("body", java.util.Base64.getEncoder().encodeToString(
                "{\"text\": \"Caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .put("isBase64Encoded", true);
        events.put("a body that is not UTF-8", notUtf8);
        ObjectNode notBase64 = (ObjectNode) JSON.readTree(Files.readString(sample));
        notBase64.put("body", "{\"text\": \"flagged as base64\"}").put("isBase64Encoded", true);
        events.put("a body flagged base64 that is not", notBase64);
        return events;
    }
}
