package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** max-input-chars below 1 stops the start-up, naming the key to fix. */
class MaxInputCharsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.max-input-chars", "0"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.max-input-chars: must be at least 1, is 0"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
