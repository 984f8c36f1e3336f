package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a schema that is not on the class path stops the start-up, naming the key to fix. */
class MissingSchemaStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.extract-invoice.schema", "schemas/nope.json"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.extract-invoice.schema: no classpath resource 'schemas/nope.json'"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
