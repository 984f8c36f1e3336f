package dev.claudefeatures.messages;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * The API as configured: {@code anthropic.base-url}, and the key from {@code anthropic.api-key}
 * or, failing that, from the secret {@code anthropic.api-key-secret-id}, fetched once on first use.
 * Typed to its own class: the client gets its endpoint from {@link Endpoints}.
 */
@ApplicationScoped
@Typed(ConfiguredEndpoint.class)
public class ConfiguredEndpoint implements AnthropicEndpoint {

    private final AnthropicConfig config;
    private final SecretReader secretReader;
    private volatile String secretKey;

    @Inject
    public ConfiguredEndpoint(AnthropicConfig config, SecretReader secretReader) {
        this.config = config;
        this.secretReader = secretReader;
    }

    /** Whether a key is configured, directly or as a secret. */
    public boolean hasCredentials() {
        return config.apiKey().isPresent() || config.apiKeySecretId().isPresent();
    }

    /** The start-up check: without a key or a secret to read it from, no call could succeed. */
    void requireCredentials() {
        if (!hasCredentials()) {
            throw new AnthropicCredentialsException("no Anthropic API key: set ANTHROPIC_API_KEY (anthropic.api-key) "
                    + "or anthropic.api-key-secret-id, or anthropic.offline=true to answer from the offline simulator",
                    null);
        }
    }

    @Override
    public URI baseUri() {
        return config.baseUrl().orElseGet(() -> config.provider().home(config.aws().region().orElse("")));
    }

    @Override
    public String apiKey() {
        if (config.apiKey().isPresent()) {
            return config.apiKey().get();
        }
        String id = config.apiKeySecretId().orElseThrow(() -> new AnthropicCredentialsException(
                "no Anthropic API key: set ANTHROPIC_API_KEY (anthropic.api-key) or anthropic.api-key-secret-id",
                null));
        String key = secretKey;
        if (key == null) {
            key = readSecret(id);
            secretKey = key;
        }
        return key;
    }

    /** Builds the secret reader's client; the key itself is read on the first call, never into a snapshot. */
    @Override
    public void prepare() {
        if (config.apiKey().isEmpty() && config.apiKeySecretId().isPresent()) {
            secretReader.prepare();
        }
    }

    /** A rotated secret is picked up by the call after the first 401, without a cold start. */
    @Override
    public void keyRejected() {
        secretKey = null;
    }

    private String readSecret(String id) {
        try {
            String key = secretReader.read(id);
            if (key == null || key.isBlank()) {
                throw new AnthropicCredentialsException("the secret " + id + " holds no API key", null);
            }
            return key.trim();
        } catch (AnthropicCredentialsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AnthropicCredentialsException("could not read the API key from the secret " + id, e);
        }
    }

    /** Reads a secret's string value by id; implemented over AWS Secrets Manager. */
    public interface SecretReader {
        String read(String secretId);

        /** Gets ready to read, without reading. */
        default void prepare() {
        }
    }
}
