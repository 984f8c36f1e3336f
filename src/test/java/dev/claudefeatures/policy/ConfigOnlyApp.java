package dev.claudefeatures.policy;

import java.util.Map;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application of the configuration classes alone, started with the shipped configuration and
 * some keys overridden, for tests that a start-up rule refuses it.
 */
final class ConfigOnlyApp {

    private ConfigOnlyApp() {
    }

    static QuarkusUnitTest withConfig(String key, String value) {
        return withConfig(Map.of(key, value));
    }

    static QuarkusUnitTest withConfig(Map<String, String> overrides) {
        QuarkusUnitTest app = new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar
                        .addClasses(Policies.class, ConfigurationCheck.class, FeaturesConfig.class, FeaturePolicy.class,
                                ModelCatalog.class, CacheMode.class, CachePolicy.class, CachePlanner.class, StructuredOutputMode.class, SchemaCheck.class, WireSchema.class,
                                AnthropicConfig.class, ApiVersion.class, TelemetryConfig.class)
                        .addAsResource("application.properties")
                        .addAsResource("prompts/summarise.txt")
                        .addAsResource("prompts/extract-invoice.txt")
                        .addAsResource("prompts/classify-ticket.txt")
                        .addAsResource("schemas/invoice.json")
                        .addAsResource("schemas/ticket-classification.json"))
                // Only the configuration classes are in this application; the other packages' keys are unmapped.
                .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false");
        overrides.forEach(app::overrideConfigKey);
        return app;
    }
}
