package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A 1h cache breakpoint after a 5m one stops the start-up, naming the key to fix. */
class CacheTtlOrderStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.extract-invoice.cache.tools", "5m", "features.extract-invoice.cache.system", "1h"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.extract-invoice.cache.system: a 1h breakpoint cannot follow the 5m one on tools"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
