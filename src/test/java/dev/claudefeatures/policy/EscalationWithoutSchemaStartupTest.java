package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** an escalation without a schema stops the start-up, naming the key to fix. */
class EscalationWithoutSchemaStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.escalation.below-confidence", "0.7"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.escalation: needs a schema"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
