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
 *                   {@code timeout}, {@code credentials_error}; null for a successful call
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
        String errorType) {

    public boolean failed() {
        return errorType != null;
    }

    public int retries() {
        return Math.max(0, attempts - 1);
    }

    public boolean stoppedAtMaxTokens() {
        return stopReason == StopReason.MAX_TOKENS;
    }
}
