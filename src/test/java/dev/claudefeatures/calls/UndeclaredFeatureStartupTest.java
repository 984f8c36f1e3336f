package dev.claudefeatures.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.quarkus.test.QuarkusUnitTest;

/** A resource that declares a feature nobody configured stops the start-up, naming the feature. */
class UndeclaredFeatureStartupTest {

    /**
     * As a resource declares its feature, misspelt; only in this test's application, which sets the
     * build property (every {@code @QuarkusTest} application is built from the test classes too).
     */
    @Feature("sumarise")
    @jakarta.inject.Singleton
    @io.quarkus.arc.Unremovable
    @io.quarkus.arc.properties.IfBuildProperty(name = "claude-features.test.misspelt-feature", stringValue = "true")
    public static class MisspeltFeature {
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(MisspeltFeature.class, Feature.class, DeclaredFeatures.class, FeatureCalls.class, AnthropicConfig.class,
                            ApiVersion.class, TelemetryConfig.class)
                    // policy/, without its tests: the configuration, its check and the planners.
                    .addPackages(false, path -> !path.get().contains("Test") && !path.get().contains("ConfigOnlyApp"),
                            Policies.class.getPackage())
                    .addAsResource("application.properties")
                    .addAsResource("prompts/summarise.txt")
                    .addAsResource("prompts/extract-invoice.txt")
                    .addAsResource("prompts/classify-ticket.txt")
                    .addAsResource("prompts/support-reply.txt")
                    .addAsResource("prompts/chat.txt")
                    .addAsResource("prompts/answer.txt")
                    .addAsResource("schemas/invoice.json")
                    .addAsResource("schemas/ticket-classification.json"))
            // Only these classes are in this application; the other packages' keys are unmapped.
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .overrideConfigKey("claude-features.test.misspelt-feature", "true")
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("Resources declare features that are not configured (features.<name>.*): sumarise"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
