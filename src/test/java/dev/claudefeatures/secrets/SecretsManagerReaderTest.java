package dev.claudefeatures.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicCredentialsException;
import dev.claudefeatures.messages.ConfiguredEndpoint;
import dev.claudefeatures.testing.TestConfig;

/** The deployed function's key comes from Secrets Manager: here a local fake of it. */
class SecretsManagerReaderTest {

    private HttpServer fake;
    private volatile String secretString;
    private final List<String> targets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        fake.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] body = new ObjectMapper().createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:anthropic-AbCdEf")
                    .put("Name", "anthropic").put("SecretString", secretString)
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
    }

    @AfterEach
    void stopFake() {
        fake.stop(0);
    }

    private SecretsManagerReader reader() {
        URI endpoint = URI.create("http://localhost:" + fake.getAddress().getPort());
        return new SecretsManagerReader(() -> Optional.of(endpoint), new ObjectMapper());
    }

    private ConfiguredEndpoint endpoint(java.util.Map<String, String> config) {
        AnthropicConfig anthropic = TestConfig.with(config, AnthropicConfig.class).getConfigMapping(AnthropicConfig.class);
        return new ConfiguredEndpoint(anthropic, reader());
    }

    @Test
    void readsAPlainSecretOnceAndKeepsIt() {
        secretString = "key-from-secrets-manager\n";
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic"));

        assertThat(endpoint.apiKey()).isEqualTo("key-from-secrets-manager");
        assertThat(endpoint.apiKey()).isEqualTo("key-from-secrets-manager");
        assertThat(targets).containsExactly("secretsmanager.GetSecretValue");
    }

    @Test
    void aRejectedKeyIsReadAnewFromTheRotatedSecret() {
        secretString = "old-key";
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic"));
        assertThat(endpoint.apiKey()).isEqualTo("old-key");

        secretString = "rotated-key";
        assertThat(endpoint.apiKey()).isEqualTo("old-key");
        endpoint.keyRejected();

        assertThat(endpoint.apiKey()).isEqualTo("rotated-key");
        assertThat(targets).hasSize(2);
    }

    @Test
    void readsTheKeyFromAJsonSecret() {
        secretString = "{\"ANTHROPIC_API_KEY\":\"key-in-json\"}";
        assertThat(endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic")).apiKey())
                .isEqualTo("key-in-json");
    }

    @Test
    void aConfiguredKeyWinsAndNoSecretIsRead() {
        secretString = "unused";
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key", "direct-key",
                "anthropic.api-key-secret-id", "anthropic"));

        assertThat(endpoint.apiKey()).isEqualTo("direct-key");
        assertThat(targets).isEmpty();
    }

    @Test
    void aJsonSecretWithoutTheFieldIsAClearCredentialsError() {
        secretString = "{\"other\":\"x\"}";
        assertThatThrownBy(() -> endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic")).apiKey())
                .isInstanceOf(AnthropicCredentialsException.class)
                .hasMessage("the secret anthropic holds no API key");
    }

    @Test
    void noKeyAndNoSecretIsAClearCredentialsError() {
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of());

        assertThat(endpoint.hasCredentials()).isFalse();
        assertThatThrownBy(endpoint::apiKey).isInstanceOf(AnthropicCredentialsException.class)
                .hasMessageContaining("set ANTHROPIC_API_KEY");
    }

    @Test
    void anUnreachableSecretsManagerIsACredentialsErrorWithoutTheSecretsValue() {
        fake.stop(0);
        assertThatThrownBy(() -> endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic")).apiKey())
                .isInstanceOf(AnthropicCredentialsException.class)
                .hasMessage("could not read the API key from the secret anthropic");
    }
}
