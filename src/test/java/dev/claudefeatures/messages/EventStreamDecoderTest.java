package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** Bedrock's event stream, framed by the AWS SDK's encoder, read back as the Messages stream events it carries. */
class EventStreamDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachChunkIsTheMessagesEventItCarriesWhereverTheFramesAreCut() throws Exception {
        String start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}";
        String delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße\"}}";
        byte[] stream = concat(chunk(start), chunk(delta));

        List<SseDecoder.Event> events = new ArrayList<>();
        EventStreamDecoder decoder = new EventStreamDecoder(JSON);
        for (int at = 0; at < stream.length; at += 7) { // frames and characters cut across reads
            events.addAll(decoder.feed(stream, at, Math.min(7, stream.length - at)));
        }

        assertThat(events).containsExactly(new SseDecoder.Event("message_start", start),
                new SseDecoder.Event("content_block_delta", delta));
    }

    @Test
    void anExceptionFrameIsTheApisErrorEventOfTheSameMeaning() throws Exception {
        byte[] frame = new Message(Map.of(":message-type", HeaderValue.fromString("exception"),
                ":exception-type", HeaderValue.fromString("throttlingException"),
                ":content-type", HeaderValue.fromString("application/json")),
                "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes(StandardCharsets.UTF_8))
                .toByteBuffer().array();

        List<SseDecoder.Event> events = new EventStreamDecoder(JSON).feed(frame, 0, frame.length);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("error");
            assertThat(JSON.readTree(event.data()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(JSON.readTree(event.data()).path("error").path("message").asText())
                    .contains("throttlingException", "Too many requests");
        });
        assertThatThrownBy(() -> StreamEvent.of(events.get(0), JSON, "req_1"))
                .isInstanceOf(AnthropicApiException.RateLimited.class);
    }

    @Test
    void aCorruptFrameIsNotReadAsEvents() {
        byte[] frame = chunk("{\"type\":\"message_stop\"}");
        frame[frame.length - 1] ^= 0x55; // the message's CRC no longer holds

        assertThatThrownBy(() -> new EventStreamDecoder(JSON).feed(frame, 0, frame.length))
                .isInstanceOf(RuntimeException.class);
    }

    private static byte[] chunk(String event) {
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8))
                + "\",\"p\":\"abcdefgh\"}";
        ByteBuffer frame = new Message(Map.of(":event-type", HeaderValue.fromString("chunk"),
                ":message-type", HeaderValue.fromString("event"),
                ":content-type", HeaderValue.fromString("application/json")),
                payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
