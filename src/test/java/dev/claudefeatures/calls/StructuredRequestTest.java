package dev.claudefeatures.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.CachePolicy;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.SchemaCheck;
import dev.claudefeatures.policy.StructuredOutputMode;
import dev.claudefeatures.testing.TestConfig;

/** The structured-output mode each model gets, and the request each mode makes. */
class StructuredRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(
            // A model that has neither capability, to show the last resort.
            "models.plain-model.prices.input", "1", "models.plain-model.prices.cache-write-5m", "1",
            "models.plain-model.prices.cache-write-1h", "1", "models.plain-model.prices.cache-read", "1",
            "models.plain-model.prices.output", "1", "models.plain-model.min-cacheable-tokens", "1024",
            "models.plain-model.max-output-tokens", "4096",
            "models.plain-model.capabilities.structured-outputs", "false",
            "models.plain-model.capabilities.forced-tool-choice", "false"), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);
    private static final JsonNode SCHEMA = read("""
            {"type":"object","additionalProperties":false,"required":["score","minimum"],
             "properties":{"score":{"type":"number","minimum":0,"maximum":1,"description":"How sure"},
                           "minimum":{"type":"string","minLength":2},
                           "tags":{"type":"array","minItems":3,"items":{"type":"string","pattern":"^[a-z]+$"}}}}""");

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FeaturePolicy policy(String model) {
        return new FeaturePolicy("extract-thing", model, CATALOG.models().get(model), 500, "Extract.",
                CachePolicy.systemOnly(CacheMode.NONE), OptionalDouble.empty(), 1000);
    }

    private static JsonNode request(String model) {
        FeaturePolicy policy = policy(model);
        MessageRequest request = RequestPlanner.planStructured(policy, StructuredOutputMode.of(policy.modelSpec()),
                new SchemaCheck("t", SCHEMA), List.of(Message.user("x"))).build();
        return JSON.valueToTree(request);
    }

    @ParameterizedTest
    @CsvSource({"claude-sonnet-4-6,FORCED_TOOL", "claude-opus-4-6,FORCED_TOOL", "claude-haiku-4-5,FORCED_TOOL",
            "claude-sonnet-5,FORCED_TOOL", "claude-opus-5-5,OUTPUT_FORMAT", "plain-model,AUTO_TOOL"})
    void eachCatalogModelGetsTheBestModeItAllows(String model, StructuredOutputMode expected) {
        assertThat(StructuredOutputMode.of(CATALOG.models().get(model))).isEqualTo(expected);
    }

    @Test
    void forcedToolModeSendsOneStrictToolAndForcesIt() {
        JsonNode request = request("claude-sonnet-4-6");

        assertThat(request.path("tools")).hasSize(1);
        assertThat(request.path("tools").get(0).path("name").asText()).isEqualTo("record_extract-thing");
        assertThat(request.path("tools").get(0).path("strict").asBoolean()).isTrue();
        assertThat(request.path("tool_choice").toString())
                .isEqualTo("{\"type\":\"tool\",\"name\":\"record_extract-thing\",\"disable_parallel_tool_use\":true}");
        assertThat(request.has("output_config")).isFalse();
    }

    @Test
    void outputFormatModeSendsTheSchemaAndNoTools() {
        JsonNode request = request("claude-opus-5-5");

        assertThat(request.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
        assertThat(request.path("output_config").path("format").path("schema").path("required").toString())
                .isEqualTo("[\"score\",\"minimum\"]");
        assertThat(request.has("tools")).isFalse();
        assertThat(request.has("tool_choice")).isFalse();
    }

    @Test
    void autoToolModeOffersAStrictToolWithoutForcingIt() {
        JsonNode request = request("plain-model");

        assertThat(request.path("tools").get(0).path("strict").asBoolean()).isTrue();
        assertThat(request.path("tool_choice").path("type").asText()).isEqualTo("auto");
    }

    @Test
    void theWireSchemaDropsWhatTheServerCannotEnforceAndSaysItInWords() {
        JsonNode wire = request("claude-sonnet-4-6").path("tools").get(0).path("input_schema");

        JsonNode score = wire.path("properties").path("score");
        assertThat(score.has("minimum")).isFalse();
        assertThat(score.has("maximum")).isFalse();
        assertThat(score.path("description").asText()).isEqualTo("How sure (maximum 1, minimum 0)");
        // A property named like a keyword stays: only schema positions are stripped.
        JsonNode minimum = wire.path("properties").path("minimum");
        assertThat(minimum.path("type").asText()).isEqualTo("string");
        assertThat(minimum.has("minLength")).isFalse();
        JsonNode tags = wire.path("properties").path("tags");
        assertThat(tags.has("minItems")).isFalse();
        assertThat(tags.path("items").has("pattern")).isFalse();
        assertThat(wire.path("required").toString()).isEqualTo("[\"score\",\"minimum\"]");
        // The full schema still judges answers on the client.
        assertThat(new SchemaCheck("t", SCHEMA).violations(read("{\"score\":1.5,\"minimum\":\"ab\"}")))
                .containsExactly("/score: must have a maximum value of 1");
    }

    @Test
    void temperatureIsSentOnlyWhereThePolicyHasIt() {
        FeaturePolicy withTemperature = new FeaturePolicy("t", "claude-sonnet-4-6",
                CATALOG.models().get("claude-sonnet-4-6"), 500, "p", CachePolicy.systemOnly(CacheMode.NONE), OptionalDouble.of(0.1), 1000);
        assertThat(RequestPlanner.planStructured(withTemperature, StructuredOutputMode.FORCED_TOOL, new SchemaCheck("t", SCHEMA),
                List.of()).build().temperature()).isEqualTo(0.1);
        assertThat(request("claude-sonnet-4-6").has("temperature")).isFalse();
    }
}
