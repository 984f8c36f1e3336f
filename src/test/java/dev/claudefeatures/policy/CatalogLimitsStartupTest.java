package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a catalog model with no output or cache size stops the start-up, naming the key to fix. */
class CatalogLimitsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("models.claude-haiku-4-5.max-output-tokens", "0", "models.claude-haiku-4-5.min-cacheable-tokens", "0"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("models.claude-haiku-4-5.max-output-tokens: must be at least 1, is 0")
                    .hasStackTraceContaining("models.claude-haiku-4-5.min-cacheable-tokens: must be at least 1, is 0"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
