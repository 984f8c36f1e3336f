package dev.claudefeatures.messages;

/** No answer from the API: the connection failed, broke, or the response did not come in time. */
public final class AnthropicTransportException extends AnthropicException {

    private final boolean timedOut;
    private final boolean cancelled;

    public AnthropicTransportException(String message, Throwable cause, boolean timedOut) {
        this(message, cause, timedOut, false, CallHistory.FIRST_ATTEMPT);
    }

    private AnthropicTransportException(String message, Throwable cause, boolean timedOut, boolean cancelled,
            CallHistory history) {
        super(message, cause, history);
        this.timedOut = timedOut;
        this.cancelled = cancelled;
    }

    /** The caller stopped the call (e.g. its own client left): not the API's failure. */
    static AnthropicTransportException cancelled(Throwable cause) {
        return new AnthropicTransportException("the caller left, so the stream was closed", cause, false, true,
                CallHistory.FIRST_ATTEMPT);
    }

    @Override
    AnthropicException withHistory(CallHistory history) {
        return new AnthropicTransportException(getMessage(), getCause(), timedOut, cancelled, history);
    }

    public boolean timedOut() {
        return timedOut;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
