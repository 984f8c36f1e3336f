package dev.claudefeatures.messages;

/** No answer from the API: the connection failed, broke, or the response did not come in time. */
public final class AnthropicTransportException extends AnthropicException {

    private final boolean timedOut;

    public AnthropicTransportException(String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
