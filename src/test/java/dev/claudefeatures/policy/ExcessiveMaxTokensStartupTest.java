package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** The application itself, not only the validator, refuses to start with a bad policy. */
class ExcessiveMaxTokensStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig("features.summarise.max-tokens", "100000")
            .assertException(failure -> assertThat(failure).hasStackTraceContaining(
                    "features.summarise.max-tokens: 100000 exceeds the maximum output of claude-sonnet-4-6"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
