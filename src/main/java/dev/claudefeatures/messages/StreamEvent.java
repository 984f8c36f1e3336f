package dev.claudefeatures.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The typed events of a streamed message ({@code stream: true}), read from the SSE events'
 * JSON. {@code ping} and types this client does not know are {@link Ignored}: the API adds new
 * ones over time.
 */
public sealed interface StreamEvent {

    /** Opens the message: its id and model, empty content, and the usage known so far (input, cache). */
    record MessageStart(MessageResponse message) implements StreamEvent {
    }

    /** Opens block {@code index}: {@code text}, {@code tool_use}, {@code thinking}... with empty contents. */
    record BlockStart(int index, JsonNode block) implements StreamEvent {
    }

    /** A piece of block {@code index}: {@code text_delta}, {@code input_json_delta}, {@code thinking_delta}... */
    record BlockDelta(int index, JsonNode delta) implements StreamEvent {
    }

    record BlockStop(int index) implements StreamEvent {
    }

    /** The stop reason, and the usage so far (cumulative); either may be absent. */
    record MessageDelta(StopReason stopReason, String stopSequence, JsonNode stopDetails, Usage usage)
            implements StreamEvent {
    }

    record MessageStop() implements StreamEvent {
    }

    record Ignored(String type) implements StreamEvent {
    }

    /**
     * The typed event of one SSE event. An {@code error} event leaves as the
     * {@link AnthropicApiException} its error type means, as an error answer would.
     */
    static StreamEvent of(SseDecoder.Event event, ObjectMapper json, String requestId) {
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (Exception notJson) {
            throw new AnthropicResponseException("the stream's " + event.type() + " event is not JSON", null,
                    requestId, null);
        }
        String type = data.path("type").asText(event.type());
        try {
            return switch (type) {
                case "message_start" -> new MessageStart(json.treeToValue(data.path("message"), MessageResponse.class));
                case "content_block_start" -> new BlockStart(index(data), data.path("content_block"));
                case "content_block_delta" -> new BlockDelta(index(data), data.path("delta"));
                case "content_block_stop" -> new BlockStop(index(data));
                case "message_delta" -> new MessageDelta(
                        json.treeToValue(data.path("delta").path("stop_reason"), StopReason.class),
                        data.path("delta").path("stop_sequence").asText(null),
                        data.path("delta").get("stop_details"),
                        data.hasNonNull("usage") ? json.treeToValue(data.path("usage"), Usage.class) : null);
                case "message_stop" -> new MessageStop();
                case "error" -> throw error(data.path("error"), requestId);
                default -> new Ignored(type);
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            throw new AnthropicResponseException("the stream's " + type + " event is malformed", null, requestId, null);
        }
    }

    private static int index(JsonNode data) {
        return data.path("index").asInt(-1);
    }

    /** The status an error answer of this type would have had, so retries and problems treat both alike. */
    private static AnthropicApiException error(JsonNode error, String requestId) {
        String type = error.path("type").asText("api_error");
        int status = switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
        return AnthropicApiException.of(status, type, error.path("message").asText("error event in the stream"),
                requestId, java.util.Map.of());
    }
}
