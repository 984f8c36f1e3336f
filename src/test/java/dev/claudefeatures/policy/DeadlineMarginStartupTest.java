package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a negative deadline margin stops the start-up, naming the key to fix. */
class DeadlineMarginStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("anthropic.deadline-margin", "-1s"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("anthropic.deadline-margin: must not be negative"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
