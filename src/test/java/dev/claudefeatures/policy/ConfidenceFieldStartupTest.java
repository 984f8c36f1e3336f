package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a confidence field that is not a number of the schema stops the start-up, naming the key to fix. */
class ConfidenceFieldStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.classify-ticket.escalation.confidence-field", "category"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.classify-ticket.escalation.confidence-field: 'category' is not a number property"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
