package dev.claudefeatures.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.ConfiguredEndpoint;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the API key from AWS Secrets Manager. The secret is either the key itself or a JSON
 * object with the key under {@code ANTHROPIC_API_KEY} (the console's key/value form).
 *
 * <p>The client is the one {@code quarkus-amazon-secretsmanager} builds once per application
 * from {@code quarkus.secretsmanager.*} and the standard AWS environment (region, credentials,
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}); it is created on the first read, so a function
 * configured with a direct key never builds it.
 */
@ApplicationScoped
public class SecretsManagerReader implements ConfiguredEndpoint.SecretReader {

    static final String JSON_FIELD = "ANTHROPIC_API_KEY";

    private final SecretsManagerClient client;
    private final ObjectMapper json;

    @Inject
    public SecretsManagerReader(SecretsManagerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public String read(String secretId) {
        return keyOf(client.getSecretValue(request -> request.secretId(secretId)).secretString());
    }

    /** Creates the client (it is built on first use): what the first read would otherwise pay for. */
    @Override
    public void prepare() {
        client.serviceClientConfiguration();
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
