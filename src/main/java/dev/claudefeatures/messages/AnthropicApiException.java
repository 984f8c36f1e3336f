package dev.claudefeatures.messages;

import java.util.Map;
import java.util.Optional;

/**
 * The API answered with an error: {@code {"type":"error","error":{"type","message"},"request_id"}}.
 * The status is always kept, even when the body does not parse, so that a 429 is never mistaken
 * for a 529. {@link #errorType()} is the API's own name ({@code rate_limit_error},
 * {@code overloaded_error}, ...), which may be one this client does not know yet.
 */
public final class AnthropicApiException extends AnthropicException {

    private final int status;
    private final String errorType;
    private final String requestId;
    private final Map<String, String> headers;

    /** The most of the API's own message kept: it goes to logs, and an error page can be long. */
    static final int MAX_MESSAGE_CHARS = 300;

    private final String apiMessage;

    public AnthropicApiException(int status, String errorType, String message, String requestId,
            Map<String, String> headers) {
        super("Anthropic API " + status + " " + errorType + ": " + bounded(message), null);
        this.status = status;
        this.errorType = errorType;
        this.apiMessage = bounded(message);
        this.requestId = requestId;
        this.headers = Map.copyOf(headers);
    }

    private static String bounded(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** The same failure with {@code key} taken out of its message: an API may echo what it was sent. */
    public AnthropicApiException redacted(String key) {
        if (key == null || key.isBlank() || !apiMessage.contains(key)) {
            return this;
        }
        return new AnthropicApiException(status, errorType, apiMessage.replace(key, "[redacted]"), requestId, headers);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    /** The API's {@code request-id}, to quote to Anthropic support; may be null. */
    public String requestId() {
        return requestId;
    }

    /** A response header, by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public boolean isRateLimited() {
        return status == 429;
    }

    public boolean isOverloaded() {
        return status == 529;
    }
}
