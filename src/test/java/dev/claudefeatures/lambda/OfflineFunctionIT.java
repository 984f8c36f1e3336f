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

import dev.claudefeatures.testing.SamTemplate;

/**
 * {@code sam local invoke --env-vars infra/env.offline.json}, as far as it can be played here: the
 * packaged function in the production profile, with the template's environment overridden by
 * that file, answers every sample event from the built-in simulator, with no key and no secret.
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
                assertThat(function.stdoutLines()).anyMatch(line -> line.contains("offline simulator"));
                // Offline runs must not put metrics into the owner's CloudWatch: the file chooses EMF lines.
                assertThat(function.stdoutLines()).anyMatch(line -> line.startsWith("{\"_aws\""));
            }
        }
    }
}
