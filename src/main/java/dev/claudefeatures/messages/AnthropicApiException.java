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

    public AnthropicApiException(int status, String errorType, String message, String requestId,
            Map<String, String> headers) {
        super("Anthropic API " + status + " " + errorType + ": " + message, null);
        this.status = status;
        this.errorType = errorType;
        this.requestId = requestId;
        this.headers = Map.copyOf(headers);
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
