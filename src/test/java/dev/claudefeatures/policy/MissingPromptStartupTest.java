package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** a system prompt that is not on the class path stops the start-up, naming the key to fix. */
class MissingPromptStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = ConfigOnlyApp.withConfig(Map.of("features.summarise.system-prompt", "prompts/nope.txt"))
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("features.summarise.system-prompt: no classpath resource 'prompts/nope.txt'"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
