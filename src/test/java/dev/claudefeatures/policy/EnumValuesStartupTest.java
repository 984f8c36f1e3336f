package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** enum values that repeat stops the start-up, naming the key to fix. */
class EnumValuesStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.classify-ticket.enums.category", "billing,billing"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.classify-ticket.enums.category: needs one or more distinct, non-blank values"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
