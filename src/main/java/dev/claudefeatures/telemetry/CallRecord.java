package dev.claudefeatures.telemetry;

import java.math.BigDecimal;
import java.time.Duration;

import dev.claudefeatures.messages.StopReason;

/**
 * One Messages API call, successful or not, as it is logged and measured.
 *
 * @param requestId  the API's request id; null when no answer came
 * @param stopReason null for a failed call
 * @param attempts   attempts made, retries included
 * @param escalation whether this call re-did a cheaper model's work on a stronger model
 * @param errorType  the API's error type ({@code overloaded_error}, ...) or {@code connection_error},
 *                   {@code timeout}, {@code credentials_error}, {@code invalid_response}; null for a successful call
 * @param cacheSavingUsd what caching saved on this call: its cost without caching less {@code costUsd};
 *                   negative when it wrote to the cache and read too little back
 * @param cacheIneffective a cache breakpoint was sent, yet the answer shows neither a cache write nor a
 *                   read: the prefix was too short after all, or the size estimate was wrong
 * @param promptVersion a short fingerprint of the request's system prompt and tools, to group cost by
 *                   prompt version
 * @param cacheMissReason why the cache prefix of the feature's previous message was not reused
 *                   ({@code system_changed}, {@code tools_changed}, ...), when the request asked; else null
 * @param cacheMissedInputTokens the tokens that reason cost a cache read
 * @param timeToFirstToken for a streamed call, from its start to its first text; else null
 */
public record CallRecord(
        String feature,
        String model,
        String requestId,
        TokenCounts tokens,
        StopReason stopReason,
        Duration latency,
        int attempts,
        boolean escalation,
        BigDecimal costUsd,
        BigDecimal cacheSavingUsd,
        String errorType,
        boolean cacheIneffective,
        String promptVersion,
        String cacheMissReason,
        int cacheMissedInputTokens,
        Duration timeToFirstToken) {

    public boolean failed() {
        return errorType != null;
    }

    public int retries() {
        return Math.max(0, attempts - 1);
    }

    /** The same record, of a streamed call whose first text came after {@code timeToFirstToken}. */
    public CallRecord streamed(Duration timeToFirstToken) {
        return new CallRecord(feature, model, requestId, tokens, stopReason, latency, attempts, escalation, costUsd,
                cacheSavingUsd, errorType, cacheIneffective, promptVersion, cacheMissReason, cacheMissedInputTokens,
                timeToFirstToken);
    }

    public boolean stoppedAtMaxTokens() {
        return stopReason == StopReason.MAX_TOKENS;
    }
}
