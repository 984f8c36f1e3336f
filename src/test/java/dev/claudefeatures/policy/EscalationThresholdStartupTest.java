package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** an escalation threshold outside (0, 1] stops the start-up, naming the key to fix. */
class EscalationThresholdStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.classify-ticket.escalation.below-confidence", "1.5"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.classify-ticket.escalation.below-confidence: must be in (0, 1], is 1.5"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
