package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a metrics namespace CloudWatch refuses stops the start-up, naming the key to fix. */
class NamespaceStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("telemetry.namespace", "AWS/Lambda"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("telemetry.namespace: 'AWS/Lambda' is not a valid CloudWatch namespace"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
