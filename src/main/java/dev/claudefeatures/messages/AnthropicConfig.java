package dev.claudefeatures.messages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How to reach the Messages API: {@code anthropic.*}. */
@ConfigMapping(prefix = "anthropic")
public interface AnthropicConfig {

    /** The API's own address: the default of {@link #baseUrl()}. */
    String DEFAULT_BASE_URL = "https://api.anthropic.com";

    /**
     * Who serves the Messages API: {@code anthropic} (the API, with a key), {@code aws} (Claude
     * Platform on AWS) or {@code bedrock} (Amazon Bedrock); the last two sign every call with the
     * AWS credentials of the default chain (on Lambda, the function's role) and read no key.
     */
    @WithDefault("anthropic")
    Provider provider();

    /**
     * Base URL of every call; unset, the provider's own ({@link Provider#home}). With
     * {@code bedrock}, both routes go to it: {@code /model/<id>/invoke} and
     * {@code /anthropic/v1/messages}.
     */
    Optional<URI> baseUrl();

    /** {@code anthropic.aws.*}: where {@code aws} and {@code bedrock} are served. */
    Aws aws();

    interface Aws {

        /** The AWS region of the provider's endpoint, when it is not the environment's {@code AWS_REGION}. */
        @WithName("region")
        Optional<String> configuredRegion();

        /** {@link #configuredRegion()}, or else {@code AWS_REGION}: in Lambda, the function's own region. */
        default Optional<String> region() {
            return configuredRegion().or(() -> Optional.ofNullable(System.getenv("AWS_REGION"))
                    .filter(region -> !region.isBlank()));
        }

        /** {@code aws}: the Claude Platform workspace, sent as {@code anthropic-workspace-id}. */
        Optional<String> workspaceId();
    }

    /** The API key. Read from the environment variable {@code ANTHROPIC_API_KEY}; never logged. */
    Optional<String> apiKey();

    /**
     * Id or ARN of an AWS Secrets Manager secret that holds the API key, read on the first call
     * when {@code anthropic.api-key} is not set. The way to give a deployed Lambda its key.
     */
    Optional<String> apiKeySecretId();

    /**
     * Answer from the offline simulator instead of the API. Unset: on in dev and test when no key
     * is configured, off in prod (where a missing key then stops the start-up).
     */
    Optional<Boolean> offline();

    /** The {@code anthropic-version} header sent with every request. */
    @WithDefault("2026-10-21")
    @WithConverter(ApiVersion.Converter.class)
    ApiVersion version();

    /** {@code anthropic-beta} names, sent comma-separated; an unknown name is a 400 from the API. */
    Optional<List<String>> betas();

    /** Time to wait for one response; an attempt also never outlasts the request's deadline. */
    @WithDefault("25s")
    Duration timeout();

    /** Time to wait for a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Time budget of one incoming request: every call made for it (first answer, repair,
     * escalation, their retries and waits) draws on it. In Lambda the budget is also at most the
     * invocation's remaining time less {@link #deadlineMargin()}. It keeps an answer inside the
     * HTTP API's 30 s integration limit, so that the caller gets this service's problem answer
     * (and the metrics go out) instead of the gateway's bare 504.
     */
    @WithDefault("28s")
    Duration deadline();

    /**
     * In Lambda, the time kept back from the invocation's remaining time for the answer, its
     * metrics and the handler's return.
     */
    @WithDefault("1500ms")
    Duration deadlineMargin();

    /** Retries after a failed attempt, where the official SDKs would retry (see {@link RetryPolicy}). */
    @WithDefault("2")
    int maxRetries();
}
