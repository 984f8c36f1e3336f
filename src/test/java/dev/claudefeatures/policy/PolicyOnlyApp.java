package dev.claudefeatures.policy;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import io.quarkus.test.QuarkusUnitTest;

/** An application of the policy classes alone, for tests that it refuses to start. */
final class PolicyOnlyApp {

    private PolicyOnlyApp() {
    }

    static QuarkusUnitTest withConfig(String key, String value) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar
                        .addClasses(Policies.class, PolicyValidator.class, FeaturesConfig.class, FeaturePolicy.class,
                                ModelCatalog.class, CacheMode.class, SchemaCheck.class, AnthropicConfig.class,
                                ApiVersion.class)
                        .addAsResource("application.properties")
                        .addAsResource("prompts/summarise.txt")
                        .addAsResource("prompts/extract-invoice.txt")
                        .addAsResource("prompts/classify-ticket.txt")
                        .addAsResource("schemas/invoice.json")
                        .addAsResource("schemas/ticket-classification.json"))
                // Only the policy classes are in this application; the other packages' keys are unmapped.
                .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
                .overrideConfigKey(key, value);
    }
}
