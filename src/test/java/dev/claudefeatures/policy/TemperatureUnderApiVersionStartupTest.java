package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** temperature under an API version that removed it stops the start-up, naming the key to fix. */
class TemperatureUnderApiVersionStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.temperature", "0.2"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.temperature: API version 2026-10-21"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
