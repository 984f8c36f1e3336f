package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Online without a key or a secret to read it from: the application does not start. */
class NoKeyOnlineStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Endpoints.class, ConfiguredEndpoint.class, ReroutableEndpoint.class,
                    AnthropicEndpoint.class, StandInEndpoint.class, AnthropicConfig.class, ApiVersion.class,
                    AnthropicException.class, AnthropicCredentialsException.class, AnthropicApiException.class, CallHistory.class,
                    AnthropicTransportException.class, dev.claudefeatures.secrets.SecretsManagerReader.class))
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("anthropic.offline", "false")
            .assertException(failure -> assertThat(failure)
                    .hasStackTraceContaining("no Anthropic API key: set ANTHROPIC_API_KEY"));

    @Test
    void doesNotStart() {
        fail("the application should not have started");
    }
}
