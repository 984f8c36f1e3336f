package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a zero deadline or timeout stops the start-up, naming the key to fix. */
class ClientTimingStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("anthropic.deadline", "0s", "anthropic.timeout", "0s", "anthropic.connect-timeout", "0s"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("anthropic.deadline: must be longer than 0")
                    .hasStackTraceContaining("anthropic.timeout: must be longer than 0")
                    .hasStackTraceContaining("anthropic.connect-timeout: must be longer than 0"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
