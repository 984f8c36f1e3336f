package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a negative retry count stops the start-up, naming the key to fix. */
class NegativeRetriesStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("anthropic.max-retries", "-1"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("anthropic.max-retries: must not be negative, is -1"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
