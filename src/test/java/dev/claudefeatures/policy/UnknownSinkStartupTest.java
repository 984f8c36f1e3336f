package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A metrics sink that does not exist stops the start-up, naming the key and the value. */
class UnknownSinkStartupTest {

    // The test profile sets %test.telemetry.sink, which a plain key would not override.
    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("%test.telemetry.sink", "cloudwatc"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("telemetry.sink")
                    .hasStackTraceContaining("cloudwatc"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
