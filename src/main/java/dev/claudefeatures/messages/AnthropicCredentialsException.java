package dev.claudefeatures.messages;

/** No API key could be had: none is configured, or its secret could not be read. */
public final class AnthropicCredentialsException extends AnthropicException {

    public AnthropicCredentialsException(String message, Throwable cause) {
        this(message, cause, CallHistory.FIRST_ATTEMPT);
    }

    private AnthropicCredentialsException(String message, Throwable cause, CallHistory history) {
        super(message, cause, history);
    }

    @Override
    AnthropicException withHistory(CallHistory history) {
        return new AnthropicCredentialsException(getMessage(), getCause(), history);
    }
}
