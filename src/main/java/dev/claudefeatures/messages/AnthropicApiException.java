package dev.claudefeatures.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The API answered with an error: {@code {"type":"error","error":{"type","message"},"request_id"}}.
 * One subtype per meaning, chosen by the status as the official SDKs choose theirs, so that a 429 is
 * never mistaken for a 529 even when the body does not parse. {@link #errorType()} is the API's own
 * name ({@code rate_limit_error}, {@code overloaded_error}, ...), which may be one this client does
 * not know yet.
 */
public abstract sealed class AnthropicApiException extends AnthropicException {

    /** The most of the API's own message kept: it goes to logs, and an error page can be long. */
    static final int MAX_MESSAGE_CHARS = 300;

    /** What the API answered; {@code headers} keeps those that decide retries, by lower-case name. */
    record ApiError(int status, String type, String message, String requestId, Map<String, String> headers) {
        ApiError {
            message = bounded(message);
            headers = Map.copyOf(headers);
        }
    }

    private final transient ApiError error;

    private AnthropicApiException(ApiError error, CallHistory history) {
        super("Anthropic API " + error.status() + " " + error.type() + ": " + error.message(), null, history);
        this.error = error;
    }

    /** The exception for an error answer: its type is the status's meaning. */
    public static AnthropicApiException of(int status, String errorType, String message, String requestId,
            Map<String, String> headers) {
        return of(new ApiError(status, errorType, message, requestId, headers), CallHistory.FIRST_ATTEMPT);
    }

    private static AnthropicApiException of(ApiError error, CallHistory history) {
        return switch (error.status()) {
            case 400 -> new InvalidRequest(error, history);
            case 401 -> new Authentication(error, history);
            case 403 -> new PermissionDenied(error, history);
            case 404 -> new NotFound(error, history);
            case 413 -> new RequestTooLarge(error, history);
            case 429 -> new RateLimited(error, history);
            case 529 -> new Overloaded(error, history);
            default -> error.status() >= 500 ? new ServerError(error, history) : new UnexpectedStatus(error, history);
        };
    }

    @Override
    AnthropicException withHistory(CallHistory history) {
        return of(error, history);
    }

    private static String bounded(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** The same failure with {@code key} taken out of its message: an API may echo what it was sent. */
    public AnthropicApiException redacted(String key) {
        if (key == null || key.isBlank() || !error.message().contains(key)) {
            return this;
        }
        AnthropicApiException redacted = of(new ApiError(error.status(), error.type(),
                error.message().replace(key, "[redacted]"), error.requestId(), error.headers()),
                new CallHistory(attempts(), elapsed(), partialUsage().orElse(null)));
        redacted.setStackTrace(getStackTrace());
        return redacted;
    }

    public int status() {
        return error.status();
    }

    public String errorType() {
        return error.type();
    }

    /** The API's {@code request-id}, to quote to Anthropic support; may be null. */
    public String requestId() {
        return error.requestId();
    }

    /** A response header that decides retries ({@code retry-after}, {@code retry-after-ms}, {@code x-should-retry}), by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(error.headers().get(lowerCaseName));
    }

    /**
     * The wait the API asked for: {@code retry-after-ms}, else {@code retry-after} in seconds or as
     * an HTTP date, read on {@code clock}; empty when neither is there or readable. May be negative
     * or long: what to do with it is the reader's choice.
     */
    public Optional<Duration> retryAfter(Clock clock) {
        Optional<Duration> millis = header("retry-after-ms").flatMap(AnthropicApiException::number)
                .map(ms -> Duration.ofNanos(Math.round(ms * 1_000_000)));
        if (millis.isPresent()) {
            return millis;
        }
        return header("retry-after").flatMap(value -> number(value)
                .map(seconds -> Duration.ofNanos(Math.round(seconds * 1_000_000_000L)))
                .or(() -> httpDate(value, clock)));
    }

    private static Optional<Double> number(String value) {
        try {
            return Optional.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Duration.between(clock.instant(), at.toInstant()));
        } catch (RuntimeException notADate) {
            return Optional.empty();
        }
    }

    /** 400 {@code invalid_request_error}: the request itself is wrong. */
    public static final class InvalidRequest extends AnthropicApiException {
        private InvalidRequest(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 401 {@code authentication_error}: the key is missing, wrong or revoked. */
    public static final class Authentication extends AnthropicApiException {
        private Authentication(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 403 {@code permission_error}: the key may not use this model or feature. */
    public static final class PermissionDenied extends AnthropicApiException {
        private PermissionDenied(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 404 {@code not_found_error}: no such model or resource. */
    public static final class NotFound extends AnthropicApiException {
        private NotFound(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 413 {@code request_too_large}: the request exceeds the API's size limit. */
    public static final class RequestTooLarge extends AnthropicApiException {
        private RequestTooLarge(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 429 {@code rate_limit_error}: the organisation's rate limit; retried after {@code retry-after}. */
    public static final class RateLimited extends AnthropicApiException {
        private RateLimited(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** 529 {@code overloaded_error}: the API is overloaded for everyone; retried. */
    public static final class Overloaded extends AnthropicApiException {
        private Overloaded(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** Any other 5xx ({@code api_error}, a gateway's 502, 503 or 504): the API failed; retried. */
    public static final class ServerError extends AnthropicApiException {
        private ServerError(ApiError error, CallHistory history) {
            super(error, history);
        }
    }

    /** A 4xx with no meaning of its own here (408, 409, 422, ...): retried where the SDKs retry the status. */
    public static final class UnexpectedStatus extends AnthropicApiException {
        private UnexpectedStatus(ApiError error, CallHistory history) {
            super(error, history);
        }
    }
}
