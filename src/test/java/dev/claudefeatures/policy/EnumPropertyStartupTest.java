package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** enums for a property the schema does not have as a string stops the start-up, naming the key to fix. */
class EnumPropertyStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.classify-ticket.enums.colour", "red"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.classify-ticket.enums.colour: 'colour' is not a string property"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
