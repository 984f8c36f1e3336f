package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** temperature for a model that rejects it stops the start-up, naming the key to fix. */
class TemperatureForModelStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("anthropic.version", "2023-06-01", "features.summarise.model", "claude-sonnet-5", "features.summarise.temperature", "0.2"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.temperature: claude-sonnet-5 does not accept temperature"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
