package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.ApiVersion;
import io.quarkus.test.QuarkusUnitTest;

/** The application itself, not only the validator, refuses to start with a bad policy. */
class ExcessiveMaxTokensStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(Policies.class, PolicyValidator.class, FeaturesConfig.class, FeaturePolicy.class,
                            ModelCatalog.class, CacheMode.class, AnthropicConfig.class, ApiVersion.class)
                    .addAsResource("application.properties")
                    .addAsResource("prompts/summarise.txt"))
            // Only the policy classes are in this application; the other packages' keys are unmapped.
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .overrideConfigKey("features.summarise.max-tokens", "100000")
            .assertException(failure -> assertThat(failure).hasStackTraceContaining(
                    "features.summarise.max-tokens: 100000 exceeds the maximum output of claude-sonnet-4-6"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
