package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.Optional;

/**
 * Root of everything the Messages API client throws, one type per meaning, as the official SDKs
 * have them. Immutable: the retrier and the stream, which learn how a call went, throw a copy
 * that carries its {@link CallHistory}.
 */
public abstract sealed class AnthropicException extends RuntimeException
        permits AnthropicApiException, AnthropicTransportException, AnthropicCredentialsException,
        AnthropicResponseException {

    private final transient CallHistory history;

    protected AnthropicException(String message, Throwable cause, CallHistory history) {
        super(message, cause);
        this.history = history;
    }

    /** How many attempts were made before this failure was final (1 when it was not retried, 0 when none fit the deadline). */
    public int attempts() {
        return history.attempts();
    }

    /** The time from the first attempt to this failure, waits included. */
    public Duration elapsed() {
        return history.elapsed();
    }

    /** For a stream that failed midway: the usage it reported before it failed, which is billed. */
    public Optional<Usage> partialUsage() {
        return history.billedSoFar();
    }

    /** This failure as the end of a call that went through {@code history}, where it was thrown. */
    AnthropicException after(CallHistory history) {
        AnthropicException copy = withHistory(history);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    abstract AnthropicException withHistory(CallHistory history);
}
