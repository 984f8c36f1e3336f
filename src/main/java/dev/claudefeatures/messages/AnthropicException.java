package dev.claudefeatures.messages;

/** Root of everything the Messages API client throws. */
public abstract sealed class AnthropicException extends RuntimeException
        permits AnthropicApiException, AnthropicTransportException, AnthropicCredentialsException {

    private int attempts = 1;

    protected AnthropicException(String message, Throwable cause) {
        super(message, cause);
    }

    /** How many attempts were made before this failure was final (1 when it was not retried). */
    public int attempts() {
        return attempts;
    }

    void attempts(int attempts) {
        this.attempts = attempts;
    }
}
