package dev.claudefeatures.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicCredentialsException;
import dev.claudefeatures.messages.ConfiguredEndpoint;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.TestConfig;

/** The deployed function's key comes from Secrets Manager: here a local fake of it. */
class SecretsManagerReaderTest {

    private FakeSecretsManager fake;

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeSecretsManager.holding(null);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private SecretsManagerReader reader() {
        SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(fake.endpoint())
                .build();
        return new SecretsManagerReader(client, new ObjectMapper());
    }

    private ConfiguredEndpoint endpoint(java.util.Map<String, String> config) {
        AnthropicConfig anthropic = TestConfig.with(config, AnthropicConfig.class).getConfigMapping(AnthropicConfig.class);
        return new ConfiguredEndpoint(anthropic, reader());
    }

    @Test
    void readsAPlainSecretOnceAndKeepsIt() {
        fake.secretString("key-from-secrets-manager\n");
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic"));

        assertThat(endpoint.apiKey()).isEqualTo("key-from-secrets-manager");
        assertThat(endpoint.apiKey()).isEqualTo("key-from-secrets-manager");
        assertThat(fake.targets()).containsExactly("secretsmanager.GetSecretValue");
    }

    @Test
    void aRejectedKeyIsReadAnewFromTheRotatedSecret() {
        fake.secretString("old-key");
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic"));
        assertThat(endpoint.apiKey()).isEqualTo("old-key");

        fake.secretString("rotated-key");
        assertThat(endpoint.apiKey()).isEqualTo("old-key");
        endpoint.keyRejected();

        assertThat(endpoint.apiKey()).isEqualTo("rotated-key");
        assertThat(fake.targets()).hasSize(2);
    }

    @Test
    void readsTheKeyFromAJsonSecret() {
        fake.secretString("{\"ANTHROPIC_API_KEY\":\"key-in-json\"}");
        assertThat(endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic")).apiKey())
                .isEqualTo("key-in-json");
    }

    @Test
    void aConfiguredKeyWinsAndNoSecretIsRead() {
        fake.secretString("unused");
        ConfiguredEndpoint endpoint = endpoint(java.util.Map.of("anthropic.api-key", "direct-key",
                "anthropic.api-key-secret-id", "anthropic"));

        assertThat(endpoint.apiKey()).isEqualTo("direct-key");
        assertThat(fake.targets()).isEmpty();
    }

    @Test
    void aJsonSecretWithoutTheFieldIsAClearCredentialsError() {
        fake.secretString("{\"other\":\"x\"}");
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
        fake.close();
        assertThatThrownBy(() -> endpoint(java.util.Map.of("anthropic.api-key-secret-id", "anthropic")).apiKey())
                .isInstanceOf(AnthropicCredentialsException.class)
                .hasMessage("could not read the API key from the secret anthropic");
    }
}
