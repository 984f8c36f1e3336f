package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A simulated message as the API streams it, event by event, and the two ways a stream breaks. */
class StreamFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode message(String content, String stopReason) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":" + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"stop_details\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":9}}");
    }

    private static List<String> types(List<String> frames) {
        return frames.stream().map(frame -> frame.substring("event: ".length(), frame.indexOf('\n'))).toList();
    }

    private static JsonNode data(String frame) throws Exception {
        return JSON.readTree(frame.substring(frame.indexOf("data: ") + 6).strip());
    }

    @Test
    void aTextAnswerStreamsInTheApisOrderWithItsTextInTwelveCharacterPieces() throws Exception {
        List<String> frames = StreamFrames.of(message("[{\"type\":\"text\",\"text\":\"Your order ships today.\",\"citations\":null}]",
                "end_turn"), null);

        assertThat(types(frames)).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = data(frames.get(0)).path("message");
        assertThat(start.path("content").isEmpty()).isTrue();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(40);
        assertThat(start.path("usage").path("output_tokens").asInt()).isEqualTo(1);
        assertThat(data(frames.get(2)).path("content_block").path("text").asText()).isEmpty();
        assertThat(data(frames.get(3)).path("delta").path("text").asText()).isEqualTo("Your order s");
        assertThat(data(frames.get(4)).path("delta").path("text").asText()).isEqualTo("hips today.");
        JsonNode delta = data(frames.get(6));
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(9);
        assertThat(frames).allMatch(frame -> frame.endsWith("\n\n"));
    }

    @Test
    void thinkingStreamsItsTextThenItsSignatureAndAToolItsInputInPieces() throws Exception {
        List<String> frames = StreamFrames.of(message("[{\"type\":\"thinking\",\"thinking\":\"Short.\",\"signature\":\"sig\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{\"total\":123}}]", "tool_use"), null);

        assertThat(types(frames)).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(data(frames.get(2)).path("content_block").path("signature").asText()).isEmpty();
        assertThat(data(frames.get(3)).path("delta").path("thinking").asText()).isEqualTo("Short.");
        assertThat(data(frames.get(4)).path("delta").path("signature").asText()).isEqualTo("sig");
        assertThat(data(frames.get(6)).path("content_block").path("input").isEmpty()).isTrue();
        assertThat(data(frames.get(7)).path("delta").path("partial_json").asText()).isEmpty();
        assertThat(data(frames.get(8)).path("delta").path("partial_json").asText()
                + data(frames.get(9)).path("delta").path("partial_json").asText()).isEqualTo("{\"total\":123}");
        assertThat(data(frames.get(10)).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void aBrokenStreamEndsAfterItsFirstTextWithAnErrorEventOrNothingMore() throws Exception {
        ObjectNode message = message("[{\"type\":\"text\",\"text\":\"Your order ships today and arrives on Friday.\"}]",
                "end_turn");

        List<String> withError = StreamFrames.of(message, "error");
        List<String> cut = StreamFrames.of(message, "cut");

        assertThat(types(withError)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "error");
        assertThat(data(withError.get(4)).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(types(cut)).containsExactly("message_start", "ping", "content_block_start", "content_block_delta");
    }

    @Test
    void piecesNeverSplitACharacter() {
        assertThat(StreamFrames.pieces("🚀".repeat(13))).containsExactly("🚀".repeat(12), "🚀");
        assertThat(StreamFrames.pieces("")).isEmpty();
        assertThat(StreamFrames.pieces("exactly12chr")).containsExactly("exactly12chr");
    }
}
