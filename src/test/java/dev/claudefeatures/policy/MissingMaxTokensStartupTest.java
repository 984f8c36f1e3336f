package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A feature without max-tokens stops the start-up with the key's name. */
class MissingMaxTokensStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig("features.drafts.system-prompt", "prompts/summarise.txt")
            .assertException(failure -> assertThat(failure).hasStackTraceContaining("features.drafts.max-tokens"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
