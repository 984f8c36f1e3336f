package dev.claudefeatures.messages;

import java.net.URI;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Where the client sends its requests and the key it sends. The configured API unless something
 * else (the offline simulator in dev and test) stands in for it.
 */
public interface AnthropicEndpoint {

    URI baseUri();

    /** The API key; may be fetched on first use, never logged. */
    String apiKey();

    /**
     * The AWS credentials that sign each call with {@code anthropic.provider} {@code aws} or
     * {@code bedrock}: the default chain's (on Lambda, the function's role), or a stand-in's test
     * credentials. Resolved per call: the chain refreshes them before they expire.
     */
    default AwsCredentialsIdentity awsCredentials() {
        throw new AnthropicCredentialsException("this endpoint has no AWS credentials to sign with", null);
    }

    /**
     * Gets ready for the first call without fetching anything secret (e.g. builds the client that
     * will read the key), so that the first call does not pay for it: priming calls it.
     */
    default void prepare() {
    }

    /** The API refused the key (401): forget a fetched key, so that the next call reads it anew. */
    default void keyRejected() {
    }
}
