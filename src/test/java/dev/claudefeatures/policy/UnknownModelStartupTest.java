package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A feature's model missing from the catalog stops the start-up, naming the key to fix. */
class UnknownModelStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.model", "claude-sonet-4-6"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.model: 'claude-sonet-4-6' is not in the model catalog"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
