package dev.claudefeatures.messages;

import java.net.URI;

/**
 * Who serves the Messages API ({@code anthropic.provider}): the API itself with a key, or, signed
 * with the AWS credentials of the function's role, Claude Platform on AWS or Amazon Bedrock.
 */
public enum Provider {

    /** {@code https://api.anthropic.com}, with an API key. */
    ANTHROPIC("anthropic", "anthropic", null),
    /** Claude Platform on AWS: the API's paths at {@code aws-external-anthropic.<region>.api.aws}, SigV4, a workspace. */
    AWS("aws", "anthropic", "aws-external-anthropic"),
    /** Amazon Bedrock: InvokeModel at {@code bedrock-runtime.<region>.amazonaws.com}, or the Messages API on bedrock-mantle. */
    BEDROCK("bedrock", "aws.bedrock", "bedrock");

    private final String configName;
    private final String telemetryName;
    private final String signingName;

    Provider(String configName, String telemetryName, String signingName) {
        this.configName = configName;
        this.telemetryName = telemetryName;
        this.signingName = signingName;
    }

    /** As {@code anthropic.provider} spells it, and as usage lines carry it. */
    public String configName() {
        return configName;
    }

    /** {@code gen_ai.provider.name} by the OpenTelemetry GenAI conventions. */
    public String telemetryName() {
        return telemetryName;
    }

    /** Whether calls are signed with AWS credentials (SigV4) rather than sent with an API key. */
    public boolean signsWithAws() {
        return signingName != null;
    }

    /** SigV4's service signing name of the provider's home endpoint; null for the API. */
    String signingName() {
        return signingName;
    }

    /** Where calls go when {@code anthropic.base-url} is not set. */
    public URI home(String region) {
        return switch (this) {
            case ANTHROPIC -> URI.create(AnthropicConfig.DEFAULT_BASE_URL);
            case AWS -> URI.create("https://aws-external-anthropic." + region + ".api.aws");
            case BEDROCK -> URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
        };
    }
}
