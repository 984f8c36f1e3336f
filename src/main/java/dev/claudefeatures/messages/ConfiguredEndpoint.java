package dev.claudefeatures.messages;

import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The API as configured: {@code anthropic.base-url} (or the provider's own), and the key from
 * {@code anthropic.api-key} or, failing that, from the secret {@code anthropic.api-key-secret-id},
 * fetched once on first use; with provider {@code aws} or {@code bedrock}, no key but the AWS
 * credentials of the default chain (on Lambda, the function's role). Typed to its own class: the
 * client gets its endpoint from {@link Endpoints}.
 */
@ApplicationScoped
@Typed(ConfiguredEndpoint.class)
public class ConfiguredEndpoint implements AnthropicEndpoint {

    private final AnthropicConfig config;
    private final SecretReader secretReader;
    private volatile String secretKey;
    /** Built on first use: a function on the API never builds it. */
    private volatile AwsCredentialsProvider awsChain;

    private final UnaryOperator<String> environment;

    @Inject
    public ConfiguredEndpoint(AnthropicConfig config, SecretReader secretReader) {
        this(config, secretReader, System::getenv);
    }

    ConfiguredEndpoint(AnthropicConfig config, SecretReader secretReader,
            UnaryOperator<String> environment) {
        this.config = config;
        this.secretReader = secretReader;
        this.environment = environment;
    }

    /**
     * Whether a key is configured, directly or as a secret; with {@code aws} or {@code bedrock},
     * whether the environment names AWS credentials ({@code AWS_ACCESS_KEY_ID}, {@code AWS_PROFILE}
     * or Lambda's container credentials), which dev mode then calls the provider with.
     */
    public boolean hasCredentials() {
        if (config.provider().signsWithAws()) {
            return AWS_CREDENTIAL_VARIABLES.stream().anyMatch(name -> environment.apply(name) != null);
        }
        return config.apiKey().isPresent() || config.apiKeySecretId().isPresent();
    }

    private static final List<String> AWS_CREDENTIAL_VARIABLES = List.of("AWS_ACCESS_KEY_ID",
            "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

    /**
     * The start-up check: without a key or a secret to read it from, no call could succeed. AWS
     * credentials are the chain's to find, call by call: on Lambda they are always there.
     */
    void requireCredentials() {
        if (!config.provider().signsWithAws() && !hasCredentials()) {
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

    /** The default chain's credentials, resolved anew for each call: the chain refreshes them before they expire. */
    @Override
    public AwsCredentialsIdentity awsCredentials() {
        AwsCredentialsProvider chain = awsChain;
        if (chain == null) {
            chain = DefaultCredentialsProvider.builder().build();
            awsChain = chain;
        }
        try {
            return chain.resolveCredentials();
        } catch (RuntimeException none) {
            throw new AnthropicCredentialsException("no AWS credentials to sign with (anthropic.provider is "
                    + config.provider().configName() + "): the default chain found none", none);
        }
    }

    /**
     * Builds the secret reader's client, or the AWS credentials chain; the key and the credentials
     * themselves are read on the first call, never into a snapshot.
     */
    @Override
    public void prepare() {
        if (config.provider().signsWithAws()) {
            awsChain = DefaultCredentialsProvider.builder().build();
        } else if (config.apiKey().isEmpty() && config.apiKeySecretId().isPresent()) {
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
