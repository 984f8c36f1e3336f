package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** max-tokens above the escalation model's maximum output stops the start-up, naming the key to fix. */
class EscalationModelMaxTokensStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.classify-ticket.model", "claude-opus-4-6", "features.classify-ticket.max-tokens", "100000", "features.classify-ticket.escalation.model", "claude-haiku-4-5"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.classify-ticket.max-tokens: 100000 exceeds the maximum output of the escalation model claude-haiku-4-5"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
