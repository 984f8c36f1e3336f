package dev.claudefeatures.messages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** How to reach the Messages API: {@code anthropic.*}. */
@ConfigMapping(prefix = "anthropic")
public interface AnthropicConfig {

    /** Base URL of the API; the client appends {@code /v1/messages}. */
    @WithDefault("https://api.anthropic.com")
    URI baseUrl();

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

    /** Time to wait for one response. API Gateway HTTP APIs give up on an integration at 30 s. */
    @WithDefault("25s")
    Duration timeout();

    /** Time to wait for a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Time budget of one call, attempts and waits included: a retry is started only if a whole
     * attempt ({@link #timeout()}) still fits. It keeps a call inside the HTTP API's 30 s
     * integration limit, so that the caller gets this service's problem answer (and the metrics
     * go out) instead of the gateway's bare 504.
     */
    @WithDefault("28s")
    Duration deadline();

    /** Retries after a failed attempt, where the official SDKs would retry (see {@link RetryPolicy}). */
    @WithDefault("2")
    int maxRetries();
}
