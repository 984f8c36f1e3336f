package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

/** The simulated API's answers, request by request, as the real API gives them. */
class SimulatedApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);

    private final AtomicLong nanos = new AtomicLong();
    private final SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(nanos::get), JSON);
    private final Map<String, String> headers = new HashMap<>(
            Map.of("x-api-key", "k", "anthropic-version", "2026-10-21"));

    private SimulatedResponse post(String path, String body) {
        return api.handle("POST", path, headers::get, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode messages(String body) throws Exception {
        return JSON.readTree(post("/v1/messages", body).body());
    }

    private static String request(String extra) {
        return "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + extra + "}";
    }

    private void assertInvalid(String body, String messageStart) throws Exception {
        SimulatedResponse response = post("/v1/messages", body);
        JsonNode error = JSON.readTree(response.body());
        assertThat(response.status()).isEqualTo(400);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("error").path("message").asText()).startsWith(messageStart);
        assertThat(error.path("request_id").asText()).isEqualTo(response.headers().get("request-id"));
    }

    @Test
    void answersAMessageWithEveryUsageField() throws Exception {
        SimulatedResponse response = post("/v1/messages", request(""));
        JsonNode message = JSON.readTree(response.body());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("request-id")).startsWith("req_sim_");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("[offline simulator] hi");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.has("stop_sequence")).isTrue();
        JsonNode usage = message.path("usage");
        for (String field : new String[] {"input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
                "cache_creation", "output_tokens", "output_tokens_details", "service_tier", "inference_geo",
                "server_tool_use"}) {
            assertThat(usage.has(field)).as(field).isTrue();
        }
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void eachAnswerCarriesRateLimitHeadersWithRemainingFalling() {
        Map<String, String> first = post("/v1/messages", request("")).headers();
        Map<String, String> second = post("/v1/messages", request("")).headers();

        for (String kind : new String[] {"requests", "input-tokens", "output-tokens", "tokens"}) {
            String prefix = "anthropic-ratelimit-" + kind;
            assertThat(first).containsKeys(prefix + "-limit", prefix + "-remaining", prefix + "-reset");
            assertThat(Long.parseLong(second.get(prefix + "-remaining")))
                    .as(kind).isLessThan(Long.parseLong(first.get(prefix + "-remaining")));
            assertThat(java.time.OffsetDateTime.parse(second.get(prefix + "-reset"))).isNotNull();
        }
    }

    @Test
    void theAnswerIsDeterministic() throws Exception {
        SimulatedResponse first = post("/v1/messages", request(""));
        SimulatedResponse second = post("/v1/messages", request(""));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        JsonNode content = JSON.readTree(first.body()).path("content");
        assertThat(content.get(0).path("text").asText()).isEqualTo("[offline simulator] hi");
        assertThat(JSON.readTree(second.body()).path("content")).isEqualTo(content);
    }

    @Test
    void acceptsTheKeyAsABearerToken() {
        headers.remove("x-api-key");
        headers.put("authorization", "Bearer k");
        assertThat(post("/v1/messages", request("")).status()).isEqualTo(200);
    }

    @Test
    void withoutAKeyItIsA401() throws Exception {
        headers.remove("x-api-key");
        SimulatedResponse response = post("/v1/messages", request(""));
        assertThat(response.status()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void withoutAVersionOrWithAnUnknownOneItIsA400() throws Exception {
        headers.remove("anthropic-version");
        assertInvalid(request(""), "anthropic-version: header is required");
        headers.put("anthropic-version", "2025-01-01");
        assertInvalid(request(""), "anthropic-version: invalid version");
    }

    @Test
    void anUnknownModelIsA404() {
        assertThat(post("/v1/messages", request("").replace("claude-sonnet-4-6", "claude-x")).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"claude-sonnet-4-6\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens: Field required",
            "{\"max_tokens\":5,\"messages\":[]}|model: Field required",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5}|messages: Field required",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[]}|messages: at least one message",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}|max_tokens: Input should be a non-negative integer",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"bot\",\"content\":\"a\"}]}|messages.0.role",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"}]}|messages: first message must use the \"user\" role",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}|messages.0.content.0.type",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"colour\":1}|colour: Extra inputs are not permitted",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"top_k\":5}|top_k: is not supported in API version 2026-10-21",
            "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"system\":5}|system: Input should be",
    })
    void rejectsWhatTheApiRejects(String body, String messageStart) throws Exception {
        assertInvalid(body, messageStart);
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        assertInvalid("{\"model\":", "The request body is not valid JSON");
    }

    @Test
    void temperatureIsAcceptedUnderTheOlderVersionWhereTheModelTakesIt() throws Exception {
        headers.put("anthropic-version", "2023-06-01");
        assertThat(post("/v1/messages", request(",\"temperature\":0.5")).status()).isEqualTo(200);
        assertInvalid(request(",\"temperature\":0.5,\"top_p\":0.9"), "temperature and top_p cannot both");
        assertInvalid(request(",\"temperature\":0.5").replace("claude-sonnet-4-6", "claude-sonnet-5"),
                "temperature: is not supported for this model");
    }

    @Test
    void underTheCurrentVersionADocumentInAnAssistantTurnIsA400() throws Exception {
        assertInvalid("{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"document\",\"source\":{}}]}]}",
                "messages.1.content.0: document blocks are not allowed in assistant messages");
    }

    @Test
    void forcedToolChoiceIsA400ForAModelThatRejectsIt() throws Exception {
        String tools = ",\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"t\"}";
        assertThat(post("/v1/messages", request(tools)).status()).isEqualTo(200);
        assertInvalid(request(tools).replace("claude-sonnet-4-6", "claude-opus-5-5"),
                "tool_choice: type \"tool\" and \"any\" are not supported for this model.");
    }

    @Test
    void maxTokensCutsTheTextAndSaysSo() throws Exception {
        JsonNode message = messages(request("").replace("\"max_tokens\":100", "\"max_tokens\":2"));

        assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("[offline");
        assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void maxTokensZeroOnlyWarmsTheCache() throws Exception {
        JsonNode message = messages(request("").replace("\"max_tokens\":100", "\"max_tokens\":0"));

        assertThat(message.path("content")).isEmpty();
        assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.path("usage").path("output_tokens").asInt()).isZero();
    }

    @Test
    void aStopSequenceEndsTheText() throws Exception {
        JsonNode message = messages(request(",\"stop_sequences\":[\"simulator\"]"));

        assertThat(message.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(message.path("stop_sequence").asText()).isEqualTo("simulator");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("[offline ");
    }

    @Test
    void aCachedPrefixIsWrittenThenReadAndExpiresAfterItsTtl() throws Exception {
        String system = ",\"system\":[{\"type\":\"text\",\"text\":\"" + "s".repeat(4100)
                + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]";

        JsonNode first = messages(request(system)).path("usage");
        JsonNode second = messages(request(system)).path("usage");
        nanos.addAndGet(java.time.Duration.ofMinutes(6).toNanos());
        JsonNode afterTtl = messages(request(system)).path("usage");

        assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(1025);
        assertThat(first.path("cache_creation").path("ephemeral_5m_input_tokens").asInt()).isEqualTo(1025);
        assertThat(first.path("cache_read_input_tokens").asInt()).isZero();
        assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(1025);
        assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(second.path("input_tokens").asInt()).isEqualTo(1);
        assertThat(afterTtl.path("cache_creation_input_tokens").asInt()).isEqualTo(1025);
    }

    @Test
    void expiredCacheEntriesArePurgedOnceTheCacheGrowsLarge() {
        PromptCache cache = new PromptCache(nanos::get);
        for (int i = 0; i <= PromptCache.PURGE_ABOVE; i++) {
            cache.apply("m", new CacheBreakpoints(java.util.List.of(new CacheBreakpoints.Segment("p" + i, 2000, "5m"))),
                    1024, true);
        }
        nanos.addAndGet(java.time.Duration.ofMinutes(6).toNanos());

        cache.apply("m", new CacheBreakpoints(java.util.List.of(new CacheBreakpoints.Segment("fresh", 2000, "5m"))),
                1024, true);

        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsSilentlyNotCached() throws Exception {
        String system = ",\"system\":[{\"type\":\"text\",\"text\":\"short\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
        JsonNode usage = messages(request(system)).path("usage");

        assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void moreThanFourBreakpointsIsA400() throws Exception {
        String block = "{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}}";
        assertInvalid(request(",\"system\":[" + String.join(",", block, block, block, block, block) + "]"),
                "A maximum of 4 blocks with cache_control may be provided. Found 5.");
    }

    @Test
    void aOneHourBreakpointAfterAFiveMinuteOneIsA400() throws Exception {
        String five = "{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}";
        String hour = "{\"type\":\"text\",\"text\":\"b\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}";
        assertInvalid(request(",\"system\":[" + five + "," + hour + "]"), "a ttl='1h' cache_control block must not");
    }

    @Test
    void countTokensAnswersTheEstimateAndCreatesNoCacheEntry() throws Exception {
        String system = ",\"system\":[{\"type\":\"text\",\"text\":\"" + "s".repeat(4100)
                + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
        String count = "{\"model\":\"claude-sonnet-4-6\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + system + "}";

        assertThat(JSON.readTree(post("/v1/messages/count_tokens", count).body()).path("input_tokens").asInt())
                .isEqualTo(1026);
        assertThat(messages(request(system)).path("usage").path("cache_creation_input_tokens").asInt()).isEqualTo(1025);
    }

    @Test
    void anUnknownPathIsA404() {
        assertThat(post("/v1/complete", request("")).status()).isEqualTo(404);
    }

    private JsonNode diagnosed(String system, String model, String previous) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":50,\"system\":[{\"type\":\"text\",\"text\":\""
                + system + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (previous == null ? "" : ",\"diagnostics\":{\"previous_message_id\":\"" + previous + "\"}") + "}";
        return messages(body);
    }

    @org.junit.jupiter.api.Test
    void diagnosticsSayWhyThePreviousMessagesCachePrefixWasMissed() throws Exception {
        String playbook = "Rule. ".repeat(800);
        JsonNode first = diagnosed(playbook, "claude-sonnet-4-6", null);
        int cached = first.path("usage").path("cache_creation_input_tokens").asInt();
        assertThat(first.get("diagnostics").isNull()).isTrue();

        // A prefix reused is no divergence: the SDK types say diagnostics is then null.
        JsonNode hit = diagnosed(playbook, "claude-sonnet-4-6", first.path("id").asText());
        assertThat(hit.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(cached);
        assertThat(hit.get("diagnostics").isNull()).isTrue();

        JsonNode changed = diagnosed(playbook + "New rule.", "claude-sonnet-4-6", hit.path("id").asText());
        assertThat(changed.path("diagnostics").path("cache_miss_reason").path("type").asText()).isEqualTo("system_changed");
        assertThat(changed.path("diagnostics").path("cache_miss_reason").path("cache_missed_input_tokens").asInt())
                .isEqualTo(cached);

        JsonNode otherModel = diagnosed(playbook + "New rule.", "claude-opus-4-6", changed.path("id").asText());
        assertThat(otherModel.path("diagnostics").path("cache_miss_reason").path("type").asText())
                .isEqualTo("model_changed");

        JsonNode unknown = diagnosed(playbook, "claude-sonnet-4-6", "msg_unknown");
        assertThat(unknown.path("diagnostics").path("cache_miss_reason").path("type").asText())
                .isEqualTo("previous_message_not_found");
    }
}
