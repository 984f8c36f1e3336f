package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.telemetry.TelemetryConfig;
import dev.claudefeatures.testing.TestConfig;
import io.smallrye.config.SmallRyeConfig;

/** Start-up refuses a policy that would fail or overspend at run time, naming the key to fix. */
class PolicyConfigurationTest {

    private static List<String> problems(Map<String, String> overrides, ApiVersion version) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("anthropic.version", version.wireName());
        return problems(all);
    }

    /** What the start-up check finds in the shipped configuration with {@code overrides} on top. */
    static List<String> problems(Map<String, String> overrides) {
        SmallRyeConfig config = TestConfig.with(overrides, FeaturesConfig.class, ModelCatalog.class,
                AnthropicConfig.class, TelemetryConfig.class);
        return ConfigurationCheck.problems(new ConfigurationCheck.Inputs(
                config.getConfigMapping(FeaturesConfig.class).features(),
                config.getConfigMapping(ModelCatalog.class).models(), config.getConfigMapping(AnthropicConfig.class),
                config.getConfigMapping(TelemetryConfig.class), PolicyConfigurationTest::resource, new ObjectMapper()));
    }

    private static Optional<String> resource(String name) {
        try (var in = PolicyConfigurationTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> feature(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put("features.demo.system-prompt", "prompts/summarise.txt");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put("features.demo." + keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void theShippedConfigurationIsValid() {
        assertThat(problems(Map.of(), ApiVersion.V2026_10_21)).isEmpty();
    }

    @Test
    void aFeatureWithoutMaxTokensFailsNamingTheKey() {
        assertThatThrownBy(() -> TestConfig.with(feature(), FeaturesConfig.class, ModelCatalog.class))
                .hasStackTraceContaining("features.demo.max-tokens");
    }

    @Test
    void aModelMissingFromTheCatalogFailsNamingTheKey() {
        assertThat(problems(feature("max-tokens", "100", "model", "claude-sonet-4-6"), ApiVersion.V2026_10_21))
                .singleElement().asString()
                .startsWith("features.demo.model: 'claude-sonet-4-6' is not in the model catalog")
                .contains("claude-sonnet-4-6");
    }

    @Test
    void maxTokensAboveTheModelsMaximumOutputFailsNamingTheKey() {
        assertThat(problems(feature("max-tokens", "64001"), ApiVersion.V2026_10_21))
                .containsExactly("features.demo.max-tokens: 64001 exceeds the maximum output of claude-sonnet-4-6, "
                        + "64000 (models.claude-sonnet-4-6.max-output-tokens)");
    }

    @Test
    void maxTokensBelowOneFails() {
        assertThat(problems(feature("max-tokens", "0"), ApiVersion.V2026_10_21))
                .containsExactly("features.demo.max-tokens: must be at least 1, is 0");
    }

    @Test
    void temperatureIsRefusedUnderAnApiVersionWithoutSamplingParameters() {
        assertThat(problems(feature("max-tokens", "100", "temperature", "0.2"), ApiVersion.V2026_10_21))
                .singleElement().asString().startsWith("features.demo.temperature: API version 2026-10-21");
    }

    @Test
    void temperatureIsRefusedForAModelThatRejectsIt() {
        assertThat(problems(feature("max-tokens", "100", "model", "claude-sonnet-5", "temperature", "0.2"),
                ApiVersion.V2023_06_01))
                .containsExactly("features.demo.temperature: claude-sonnet-5 does not accept temperature "
                        + "(models.claude-sonnet-5.capabilities.temperature); remove it");
    }

    @Test
    void temperatureIsAcceptedWhereVersionAndModelAllowIt() {
        assertThat(problems(feature("max-tokens", "100", "temperature", "0.2"), ApiVersion.V2023_06_01)).isEmpty();
    }

    @Test
    void aMissingPromptResourceFailsNamingTheKey() {
        Map<String, String> config = feature("max-tokens", "100");
        config.put("features.demo.system-prompt", "prompts/nope.txt");
        assertThat(problems(config, ApiVersion.V2026_10_21))
                .containsExactly("features.demo.system-prompt: no classpath resource 'prompts/nope.txt'");
    }

    @Test
    void anEscalationModelMissingFromTheCatalogFailsNamingTheKey() {
        Map<String, String> config = feature("max-tokens", "100", "schema", "schemas/ticket-classification.json",
                "escalation.model", "claude-opus-9", "escalation.below-confidence", "0.7");
        assertThat(problems(config, ApiVersion.V2026_10_21)).containsExactly(
                "features.demo.escalation.model: 'claude-opus-9' is not in the model catalog (models.<id>)");
    }

    @Test
    void anEscalationThresholdOutsideZeroToOneFails() {
        Map<String, String> config = feature("max-tokens", "100", "schema", "schemas/ticket-classification.json",
                "escalation.below-confidence", "1.5");
        assertThat(problems(config, ApiVersion.V2026_10_21))
                .containsExactly("features.demo.escalation.below-confidence: must be in (0, 1], is 1.5");
    }

    @Test
    void anEscalationWithoutASchemaFails() {
        assertThat(problems(feature("max-tokens", "100", "escalation.below-confidence", "0.7"),
                ApiVersion.V2026_10_21)).singleElement().asString()
                .startsWith("features.demo.escalation: needs a schema");
    }

    @Test
    void maxTokensAboveTheEscalationModelsMaximumFails() {
        Map<String, String> config = feature("model", "claude-opus-4-6", "max-tokens", "100000",
                "schema", "schemas/ticket-classification.json", "escalation.model", "claude-haiku-4-5",
                "escalation.below-confidence", "0.7");
        assertThat(problems(config, ApiVersion.V2026_10_21)).containsExactly("features.demo.max-tokens: 100000 "
                + "exceeds the maximum output of the escalation model claude-haiku-4-5, 64000");
    }

    @Test
    void theEscalationModelDefaultsToOpus() {
        FeaturesConfig.EscalationSettings escalation = TestConfig.with(Map.of(), FeaturesConfig.class)
                .getConfigMapping(FeaturesConfig.class).features().get("classify-ticket").escalation().orElseThrow();
        assertThat(escalation.model()).isEqualTo("claude-opus-4-6");
        assertThat(escalation.belowConfidence()).isEqualTo(0.7);
        assertThat(escalation.confidenceField()).isEqualTo("confidence");
    }

    @Test
    void anUnknownCacheModeFailsAtStartUp() {
        assertThatThrownBy(() -> TestConfig.with(feature("max-tokens", "100", "cache.system", "forever"),
                FeaturesConfig.class, ModelCatalog.class))
                .hasStackTraceContaining("unknown cache mode 'forever'");
    }

    @Test
    void anUnknownApiVersionFailsAtStartUp() {
        assertThatThrownBy(() -> TestConfig.with(Map.of("anthropic.version", "2024-01-01"),
                dev.claudefeatures.messages.AnthropicConfig.class))
                .hasStackTraceContaining("unknown Anthropic API version '2024-01-01'");
    }

    @Test
    void theCatalogHoldsTheFiveModelsWithTheirPricesAndCapabilities() {
        ModelCatalog catalog = TestConfig.with(Map.of(), ModelCatalog.class).getConfigMapping(ModelCatalog.class);

        assertThat(catalog.models()).containsOnlyKeys("claude-sonnet-4-6", "claude-opus-4-6", "claude-haiku-4-5",
                "claude-sonnet-5", "claude-opus-5-5");
        ModelCatalog.ModelSpec sonnet = catalog.models().get("claude-sonnet-4-6");
        assertThat(sonnet.prices().input()).isEqualByComparingTo("3");
        assertThat(sonnet.prices().cacheWrite5m()).isEqualByComparingTo("3.75");
        assertThat(sonnet.prices().cacheWrite1h()).isEqualByComparingTo("6");
        assertThat(sonnet.prices().cacheRead()).isEqualByComparingTo("0.30");
        assertThat(sonnet.prices().output()).isEqualByComparingTo("15");
        assertThat(sonnet.minCacheableTokens()).isEqualTo(1024);
        assertThat(catalog.models().get("claude-opus-5-5").capabilities().forcedToolChoice()).isFalse();
        assertThat(catalog.models().get("claude-opus-4-6").minCacheableTokens()).isEqualTo(4096);
    }

    @Test
    void aSchemaThatIsNotJsonFailsNamingTheKey() {
        assertThat(problems(feature("max-tokens", "100", "schema", "prompts/summarise.txt"), ApiVersion.V2026_10_21))
                .singleElement().asString()
                .startsWith("features.demo.schema: 'prompts/summarise.txt' is not a valid JSON Schema");
    }

    @Test
    void aMissingSchemaResourceFailsNamingTheKey() {
        assertThat(problems(feature("max-tokens", "100", "schema", "schemas/nope.json"), ApiVersion.V2026_10_21))
                .containsExactly("features.demo.schema: no classpath resource 'schemas/nope.json'");
    }

    @Test
    void enumsMustCloseAStringPropertyOfTheSchema() {
        assertThat(problems(Map.of("features.classify-ticket.enums.confidence", "high,low"), ApiVersion.V2026_10_21))
                .containsExactly("features.classify-ticket.enums.confidence: 'confidence' is not a string property "
                        + "of the schema schemas/ticket-classification.json");
        assertThat(problems(Map.of("features.classify-ticket.enums.colour", "red"), ApiVersion.V2026_10_21))
                .singleElement().asString().startsWith("features.classify-ticket.enums.colour: 'colour' is not");
    }

    @Test
    void enumValuesMustBeDistinct() {
        assertThat(problems(Map.of("features.classify-ticket.enums.category", "billing,billing"),
                ApiVersion.V2026_10_21)).containsExactly(
                        "features.classify-ticket.enums.category: needs one or more distinct, non-blank values, is "
                                + "[billing, billing]");
    }

    @Test
    void enumsNeedASchema() {
        assertThat(problems(feature("max-tokens", "100", "enums.category", "a,b"), ApiVersion.V2026_10_21))
                .containsExactly("features.demo.enums.category: the feature has no schema (features.demo.schema) to close");
    }

    @Test
    void theConfidenceFieldMustBeANumberPropertyOfTheSchema() {
        assertThat(problems(Map.of("features.classify-ticket.escalation.confidence-field", "category"),
                ApiVersion.V2026_10_21)).containsExactly("features.classify-ticket.escalation.confidence-field: "
                        + "'category' is not a number property of the schema schemas/ticket-classification.json");
    }

    @Test
    void maxInputCharsBelowOneFails() {
        assertThat(problems(feature("max-tokens", "100", "max-input-chars", "0"), ApiVersion.V2026_10_21))
                .containsExactly("features.demo.max-input-chars: must be at least 1, is 0");
    }

    @Test
    void aNegativePriceFailsNamingTheKey() {
        assertThat(problems(Map.of("models.claude-haiku-4-5.prices.output", "-5"), ApiVersion.V2026_10_21))
                .containsExactly("models.claude-haiku-4-5.prices.output: must not be negative, is -5");
    }

    @Test
    void anInvalidMetricsNamespaceFails() {
        assertThat(problems(Map.of("telemetry.namespace", "AWS/Lambda"), ApiVersion.V2026_10_21))
                .singleElement().asString().startsWith("telemetry.namespace: 'AWS/Lambda' is not a valid");
        assertThat(problems(Map.of("telemetry.namespace", "ClaudeFeatures/prod"), ApiVersion.V2026_10_21)).isEmpty();
    }

    @Test
    void clientTimingsMustBePositiveAndRetriesNotNegative() {
        assertThat(problems(Map.of("anthropic.deadline", "0s", "anthropic.max-retries", "-1",
                "anthropic.deadline-margin", "-1s"), ApiVersion.V2026_10_21)).containsExactly(
                        "anthropic.deadline: must be longer than 0, is PT0S",
                        "anthropic.deadline-margin: must not be negative, is PT-1S",
                        "anthropic.max-retries: must not be negative, is -1");
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        assertThat(problems(Map.of("features.summarise.max-tokens", "0", "models.claude-opus-4-6.prices.input", "-1",
                "telemetry.namespace", ":bad", "features.classify-ticket.enums.category", "billing,billing"),
                ApiVersion.V2026_10_21)).hasSize(4);
    }

    @Test
    void valuesAtEachBoundaryAreAccepted() {
        Map<String, String> config = new HashMap<>(Map.of(
                "features.summarise.max-tokens", "64000",
                "features.summarise.max-input-chars", "1",
                "features.classify-ticket.escalation.below-confidence", "1",
                "models.claude-haiku-4-5.prices.output", "0",
                "models.claude-haiku-4-5.min-cacheable-tokens", "1",
                "models.claude-haiku-4-5.max-output-tokens", "1",
                "anthropic.deadline-margin", "0s",
                "anthropic.max-retries", "0"));
        config.put("telemetry.namespace", "N".repeat(255));
        config.put("features.classify-ticket.model", "claude-opus-4-6");
        config.put("features.classify-ticket.max-tokens", "64000");
        config.put("features.classify-ticket.escalation.model", "claude-sonnet-4-6");

        assertThat(problems(config, ApiVersion.V2026_10_21)).isEmpty();
    }

    @Test
    void valuesJustPastEachBoundaryAreRefused() {
        assertThat(problems(Map.of("features.classify-ticket.escalation.below-confidence", "0"),
                ApiVersion.V2026_10_21)).containsExactly(
                        "features.classify-ticket.escalation.below-confidence: must be in (0, 1], is 0.0");
        assertThat(problems(Map.of("telemetry.namespace", "N".repeat(256)), ApiVersion.V2026_10_21)).hasSize(1);
        assertThat(problems(Map.of("models.claude-haiku-4-5.prices.cache-read", "-0.01"), ApiVersion.V2026_10_21))
                .containsExactly("models.claude-haiku-4-5.prices.cache-read: must not be negative, is -0.01");
    }

    @Test
    void aCatalogModelNeedsAnOutputAndACacheSize() {
        assertThat(problems(Map.of("models.claude-haiku-4-5.max-output-tokens", "0",
                "models.claude-haiku-4-5.min-cacheable-tokens", "0"), ApiVersion.V2026_10_21)).containsExactlyInAnyOrder(
                        "models.claude-haiku-4-5.max-output-tokens: must be at least 1, is 0",
                        "models.claude-haiku-4-5.min-cacheable-tokens: must be at least 1, is 0");
    }

    @Test
    void anUnknownMetricsSinkFailsNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> TestConfig.with(Map.of("telemetry.sink", "cloudwatc"), TelemetryConfig.class))
                .hasStackTraceContaining("telemetry.sink").hasStackTraceContaining("cloudwatc");
    }

    @Test
    void everyTimingOfTheClientAndTheSinkMustBeLongerThanZero() {
        assertThat(problems(Map.of("anthropic.timeout", "0s", "anthropic.connect-timeout", "0s",
                "telemetry.publish-timeout", "0s"), ApiVersion.V2026_10_21)).containsExactly(
                        "anthropic.timeout: must be longer than 0, is PT0S",
                        "anthropic.connect-timeout: must be longer than 0, is PT0S",
                        "telemetry.publish-timeout: must be longer than 0, is PT0S");
    }

    @Test
    void aOneHourBreakpointMayNotFollowAFiveMinuteOne() {
        assertThat(problems(Map.of("features.extract-invoice.cache.tools", "5m",
                "features.extract-invoice.cache.system", "1h"), ApiVersion.V2026_10_21)).containsExactly(
                        "features.extract-invoice.cache.system: a 1h breakpoint cannot follow the 5m one on tools "
                                + "(the API refuses it); make tools 1h or this one 5m");
        assertThat(problems(Map.of("features.extract-invoice.cache.tools", "1h",
                "features.extract-invoice.cache.system", "5m"), ApiVersion.V2026_10_21)).isEmpty();
    }
}
