package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Three broken keys of three kinds stop the start-up, all named in one message. */
class EveryProblemAtOnceStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.max-tokens", "0", "models.claude-opus-4-6.prices.input", "-1", "telemetry.namespace", ":bad"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("3 problem(s)")
                    .hasStackTraceContaining("features.summarise.max-tokens: must be at least 1")
                    .hasStackTraceContaining("models.claude-opus-4-6.prices.input: must not be negative")
                    .hasStackTraceContaining("telemetry.namespace: ':bad' is not a valid"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
