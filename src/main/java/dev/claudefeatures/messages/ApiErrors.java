package dev.claudefeatures.messages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;



import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns every error answer of the API into the {@link AnthropicApiException} of its meaning. */
final class ApiErrors {

    /** Headers that decide retries; the rest are not kept. */
    private static final List<String> KEPT_HEADERS = List.of("retry-after", "retry-after-ms", "x-should-retry");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /**
     * The exception of an error answer: its status, a header by name (null when absent) and its
     * body. AWS answers its own way ({@code {"message": ...}} and the type in
     * {@code x-amzn-ErrorType}, e.g. Bedrock's {@code ThrottlingException}); the status carries the
     * same meaning either way.
     */
    static AnthropicApiException of(int status, UnaryOperator<String> header, String body) {
        JsonNode parsed = parse(body);
        JsonNode error = parsed.path("error");
        String awsType = header.apply("x-amzn-errortype");
        String errorType = error.path("type").asText(awsType == null ? fallbackType(status) : awsType.split(":")[0]);
        String message = error.path("message").asText(parsed.path("message").asText(parsed.path("Message")
                .asText("HTTP " + status)));
        String requestId = header.apply("request-id");
        if (requestId == null) {
            requestId = parsed.path("request_id").asText(header.apply("x-amzn-requestid"));
        }
        return AnthropicApiException.of(status, errorType, message, requestId, keptHeaders(header));
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (Exception notJson) {
            // A proxy or load balancer may answer HTML; the status still tells what happened.
            return JSON.missingNode();
        }
    }

    /** An error type for a body that names none, so that callers can still branch on it. */
    private static String fallbackType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "http_" + status;
        };
    }

    private static Map<String, String> keptHeaders(UnaryOperator<String> header) {
        Map<String, String> kept = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = header.apply(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }
}
