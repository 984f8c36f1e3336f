package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** enums for a feature without a schema stops the start-up, naming the key to fix. */
class EnumWithoutSchemaStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.enums.tone", "dry"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.enums.tone: the feature has no schema"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
