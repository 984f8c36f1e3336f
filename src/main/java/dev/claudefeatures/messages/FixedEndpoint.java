package dev.claudefeatures.messages;

import java.net.URI;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** An endpoint with a fixed address, key and AWS credentials (either may be null): a stand-in's, or a test's. */
public record FixedEndpoint(URI baseUri, String apiKey, AwsCredentialsIdentity fixedAwsCredentials)
        implements AnthropicEndpoint {

    public FixedEndpoint(URI baseUri, String apiKey) {
        this(baseUri, apiKey, null);
    }

    @Override
    public AwsCredentialsIdentity awsCredentials() {
        return fixedAwsCredentials == null ? AnthropicEndpoint.super.awsCredentials() : fixedAwsCredentials;
    }
}
