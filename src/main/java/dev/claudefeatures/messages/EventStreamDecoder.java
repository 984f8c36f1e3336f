package dev.claudefeatures.messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Bedrock's {@code invoke-with-response-stream} answer, in AWS event-stream framing (binary,
 * CRC-checked; decoded by the AWS SDK's own decoder), turned back into the Messages stream events
 * it carries: each {@code chunk}'s {@code bytes} is one event's JSON, base64. An exception frame
 * becomes the API's {@code error} event of the same meaning, so that the stream's reader treats a
 * throttled Bedrock stream as it treats a rate-limited API stream.
 */
final class EventStreamDecoder {

    /** Bedrock's exception names, by the API's error type of the same meaning. */
    private static final Map<String, String> ERROR_TYPES = Map.of(
            "throttlingException", "rate_limit_error",
            "serviceUnavailableException", "overloaded_error",
            "modelNotReadyException", "overloaded_error",
            "validationException", "invalid_request_error",
            "accessDeniedException", "permission_error",
            "modelTimeoutException", "timeout_error");

    private final ObjectMapper json;
    private final List<Message> decoded = new ArrayList<>();
    private final MessageDecoder decoder = new MessageDecoder(decoded::add);

    EventStreamDecoder(ObjectMapper json) {
        this.json = json;
    }

    /** The events completed by this chunk, in order. */
    List<SseDecoder.Event> feed(byte[] chunk, int offset, int length) {
        decoder.feed(chunk, offset, length);
        List<SseDecoder.Event> events = new ArrayList<>(decoded.size());
        for (Message message : decoded) {
            SseDecoder.Event event = event(message);
            if (event != null) {
                events.add(event);
            }
        }
        decoded.clear();
        return events;
    }

    private SseDecoder.Event event(Message message) {
        String kind = header(message, ":message-type");
        try {
            if (kind == null || kind.equals("event")) {
                JsonNode bytes = json.readTree(message.getPayload()).path("bytes");
                if (!bytes.isTextual()) {
                    return null; // not a chunk: nothing the Messages stream said
                }
                String data = new String(Base64.getDecoder().decode(bytes.asText()), StandardCharsets.UTF_8);
                return new SseDecoder.Event(json.readTree(data).path("type").asText("message"), data);
            }
            String type = kind.equals("exception") ? header(message, ":exception-type") : header(message, ":error-code");
            String text = kind.equals("exception") ? json.readTree(message.getPayload()).path("message").asText("")
                    : header(message, ":error-message");
            ObjectNode error = json.createObjectNode().put("type", "error");
            error.putObject("error").put("type", ERROR_TYPES.getOrDefault(type, "api_error"))
                    .put("message", "Bedrock: " + type + ": " + text);
            return new SseDecoder.Event("error", json.writeValueAsString(error));
        } catch (IOException | IllegalArgumentException malformed) {
            throw new AnthropicResponseException("Bedrock's event stream carried a frame that is not a Messages event",
                    null, null, malformed);
        }
    }

    private static String header(Message message, String name) {
        HeaderValue value = message.getHeaders().get(name);
        return value == null ? null : value.getString();
    }
}
