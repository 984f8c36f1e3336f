package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/** A streamed answer in Bedrock's AWS event-stream framing decodes, with the AWS SDK's decoder, back to its events. */
class EventStreamFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode message() throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Grüße: your order ships today.\",\"citations\":null}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"stop_details\":null,"
                + "\"usage\":{\"input_tokens\":40,\"output_tokens\":9}}");
    }

    /** All frames joined, as the client reads them off the connection, decoded in pieces of 7 bytes. */
    private static List<Message> decode(List<byte[]> frames) {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        frames.forEach(wire::writeBytes);
        byte[] bytes = wire.toByteArray();
        List<Message> decoded = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(decoded::add);
        for (int offset = 0; offset < bytes.length; offset += 7) {
            decoder.feed(bytes, offset, Math.min(7, bytes.length - offset));
        }
        return decoded;
    }

    private static String data(String sseFrame) {
        return sseFrame.substring(sseFrame.indexOf("data: ") + 6).strip();
    }

    @Test
    void eachEventIsOneChunkFrameWithItsJsonInBase64() throws Exception {
        List<String> sse = StreamFrames.of(message(), null);

        List<Message> decoded = decode(EventStreamFrames.of(sse));

        assertThat(decoded).hasSize(sse.size());
        for (int i = 0; i < sse.size(); i++) {
            Message frame = decoded.get(i);
            assertThat(frame.getHeaders().get(":event-type").getString()).isEqualTo("chunk");
            assertThat(frame.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
            assertThat(frame.getHeaders().get(":message-type").getString()).isEqualTo("event");
            JsonNode payload = JSON.readTree(frame.getPayload());
            String event = new String(Base64.getDecoder().decode(payload.path("bytes").asText()), StandardCharsets.UTF_8);
            assertThat(JSON.readTree(event)).isEqualTo(JSON.readTree(data(sse.get(i))));
        }
    }

    @Test
    void anErrorMidStreamIsAnExceptionFrameAfterTheFirstText() throws Exception {
        List<Message> decoded = decode(EventStreamFrames.of(StreamFrames.of(message(), "error")));

        Message last = decoded.get(decoded.size() - 1);
        assertThat(last.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(last.getHeaders().get(":exception-type").getString()).isEqualTo("serviceUnavailableException");
        assertThat(JSON.readTree(last.getPayload()).path("message").asText()).isNotBlank();
        Message beforeIt = decoded.get(decoded.size() - 2);
        String event = new String(Base64.getDecoder().decode(JSON.readTree(beforeIt.getPayload()).path("bytes")
                .asText()), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(event).path("type").asText()).isEqualTo("content_block_delta");
    }

    @Test
    void aThrottlingExceptionIsSpelledInLowerCamelCase() {
        Message frame = decode(List.of(EventStreamFrames.exception("ThrottlingException", AwsError.THROTTLED))).get(0);

        assertThat(frame.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
        assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Too many requests, please wait before trying again.\"}");
    }
}
