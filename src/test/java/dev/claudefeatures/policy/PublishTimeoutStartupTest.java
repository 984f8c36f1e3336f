package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a metrics publish timeout of zero stops the start-up, naming the key to fix. */
class PublishTimeoutStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("telemetry.publish-timeout", "0s"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("telemetry.publish-timeout: must be longer than 0"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
