package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.quarkus.test.QuarkusUnitTest;

/** A function whose environment names a feature that is not configured does not start, and says which. */
class UnknownFunctionFeatureStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(FunctionFeature.class, LambdaConfig.class, LambdaConfig.PrimingMode.class,
                            AnthropicConfig.class, ApiVersion.class, TelemetryConfig.class)
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
            .overrideConfigKey("lambda.feature", "sumarise")
            .assertException(failure -> assertThat(failure).hasStackTraceContaining(
                    "lambda.feature (LAMBDA_FEATURE) names sumarise, which is not configured (features.<name>.*)"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
