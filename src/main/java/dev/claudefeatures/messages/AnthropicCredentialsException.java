package dev.claudefeatures.messages;

/** No API key could be had: none is configured, or its secret could not be read. */
public final class AnthropicCredentialsException extends AnthropicException {

    public AnthropicCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
