package dev.claudefeatures.secrets;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.ConfiguredEndpoint;
import io.smallrye.config.ConfigMapping;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads the API key from AWS Secrets Manager. The secret is either the key itself or a JSON
 * object with the key under {@code ANTHROPIC_API_KEY} (the console's key/value form).
 */
@ApplicationScoped
public class SecretsManagerReader implements ConfiguredEndpoint.SecretReader {

    static final String JSON_FIELD = "ANTHROPIC_API_KEY";

    @ConfigMapping(prefix = "secrets")
    public interface SecretsConfig {
        /** Endpoint override for Secrets Manager, for tests against a local fake. */
        Optional<URI> endpointOverride();
    }

    private final SecretsConfig config;
    private final ObjectMapper json;

    @Inject
    public SecretsManagerReader(SecretsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public String read(String secretId) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        // Read once per environment (the caller keeps the key), so the client is not kept either.
        try (SecretsManagerClient client = builder.build()) {
            return keyOf(client.getSecretValue(request -> request.secretId(secretId)).secretString());
        }
    }

    String keyOf(String secret) {
        if (secret == null || !secret.trim().startsWith("{")) {
            return secret;
        }
        try {
            JsonNode field = json.readTree(secret).path(JSON_FIELD);
            return field.isTextual() ? field.asText() : null;
        } catch (Exception notJson) {
            return secret;
        }
    }
}
