package dev.claudefeatures.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A streamed answer as Bedrock's {@code InvokeModelWithResponseStream} sends it: AWS event-stream
 * framing (binary, CRC-checked, encoded by the AWS SDK's own {@link Message}), one {@code chunk}
 * event per Messages stream event, its JSON base64-encoded in the payload's {@code bytes}. An
 * {@code error} event of the API's stream becomes an exception frame, as a failure mid-stream does
 * on Bedrock.
 */
final class EventStreamFrames {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "\ndata: ";

    private EventStreamFrames() {
    }

    /** The event-stream frames of the simulated API's SSE frames ({@link StreamFrames}), in order. */
    static List<byte[]> of(List<String> sseFrames) {
        List<byte[]> frames = new ArrayList<>();
        for (String frame : sseFrames) {
            String data = data(frame);
            JsonNode event = parse(data);
            if ("error".equals(event.path("type").asText())) {
                JsonNode error = event.path("error");
                AwsError bedrock = AwsError.fromApi(status(error.path("type").asText()), error.path("type").asText(),
                        error.path("message").asText(), Map.of());
                frames.add(exception(bedrock.type(), bedrock.getMessage()));
            } else {
                frames.add(chunk(data));
            }
        }
        return frames;
    }

    /** One {@code chunk} event: the event's JSON, base64, as {@code {"bytes": ...}}. */
    static byte[] chunk(String eventJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("chunk"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        String payload = JsonNodeFactory.instance.objectNode().put("bytes",
                Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8))).toString();
        return encode(new Message(headers, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An exception frame; its type in event-stream spelling, lower camel case
     * ({@code ThrottlingException} is sent as {@code throttlingException}).
     */
    static byte[] exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(Character.toLowerCase(type.charAt(0)) + type.substring(1)));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        String payload = JsonNodeFactory.instance.objectNode().put("message", message).toString();
        return encode(new Message(headers, payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] encode(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The {@code data} of one SSE frame as {@link StreamFrames} writes it: one line, ending in a blank line. */
    private static String data(String frame) {
        int start = frame.indexOf(DATA);
        if (start < 0) {
            throw new IllegalArgumentException("not an SSE frame with data: " + frame);
        }
        return frame.substring(start + DATA.length()).strip();
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an SSE frame's data is not JSON: " + data, e);
        }
    }

    /** The status the API answers with an error type, for the mapping to Bedrock's exceptions. */
    private static int status(String apiType) {
        return switch (apiType) {
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            case "timeout_error" -> 504;
            case "invalid_request_error" -> 400;
            default -> 500;
        };
    }
}
