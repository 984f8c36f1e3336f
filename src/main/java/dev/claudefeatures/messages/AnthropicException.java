package dev.claudefeatures.messages;

import java.time.Duration;

/** Root of everything the Messages API client throws. */
public abstract sealed class AnthropicException extends RuntimeException
        permits AnthropicApiException, AnthropicTransportException, AnthropicCredentialsException,
        AnthropicResponseException {

    private int attempts = 1;
    private Duration elapsed = Duration.ZERO;
    private Usage partialUsage;

    protected AnthropicException(String message, Throwable cause) {
        super(message, cause);
    }

    /** How many attempts were made before this failure was final (1 when it was not retried, 0 when none fit the deadline). */
    public int attempts() {
        return attempts;
    }

    void attempts(int attempts) {
        this.attempts = attempts;
    }

    /** The time from the first attempt to this failure, waits included. */
    public Duration elapsed() {
        return elapsed;
    }

    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }

    /** For a stream that failed midway: the usage it reported before it failed, which is billed. */
    public java.util.Optional<Usage> partialUsage() {
        return java.util.Optional.ofNullable(partialUsage);
    }

    void partialUsage(Usage usage) {
        this.partialUsage = usage;
    }
}
