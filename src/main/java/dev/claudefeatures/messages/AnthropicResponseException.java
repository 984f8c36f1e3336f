package dev.claudefeatures.messages;

import java.util.Optional;

/**
 * The API answered 200 with something that is not a usable message: a body that is not JSON or
 * is cut short, or a message without {@code stop_reason}, {@code usage} or content. Not retried:
 * the official SDKs do not retry an answer they cannot read either.
 */
public final class AnthropicResponseException extends AnthropicException {

    private final transient MessageResponse response;
    private final String requestId;

    public AnthropicResponseException(String message, MessageResponse response, String requestId, Throwable cause) {
        this(message, response, requestId, cause, CallHistory.FIRST_ATTEMPT);
    }

    private AnthropicResponseException(String message, MessageResponse response, String requestId, Throwable cause,
            CallHistory history) {
        super(message, cause, history);
        this.response = response;
        this.requestId = requestId;
    }

    @Override
    AnthropicException withHistory(CallHistory history) {
        return new AnthropicResponseException(getMessage(), response, requestId, getCause(), history);
    }

    /** The message as far as it could be read; empty when the body was not a message at all. */
    public Optional<MessageResponse> response() {
        return Optional.ofNullable(response);
    }

    public String requestId() {
        return requestId;
    }
}
