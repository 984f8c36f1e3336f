package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a negative price in the catalog stops the start-up, naming the key to fix. */
class NegativePriceStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("models.claude-haiku-4-5.prices.output", "-5"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("models.claude-haiku-4-5.prices.output: must not be negative, is -5"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
