package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A streamed message built from its events: order enforced, usage merged, errors typed. */
class MessageAccumulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":40,\"cache_read_input_tokens\":4012,\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}";
    private static final String TEXT_START = "content_block_start {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String PING = "ping {\"type\":\"ping\"}";

    private static String delta(int index, String text) {
        return "content_block_delta {\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}";
    }

    private static String stop(int index) {
        return "content_block_stop {\"type\":\"content_block_stop\",\"index\":" + index + "}";
    }

    private static final String MESSAGE_DELTA = "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}";
    private static final String MESSAGE_STOP = "message_stop {\"type\":\"message_stop\"}";

    private final List<String> relayed = new ArrayList<>();
    private final MessageAccumulator accumulator = new MessageAccumulator(JSON, relayed::add, "req_1");

    private void play(String... events) {
        StringBuilder stream = new StringBuilder();
        for (String event : events) {
            int space = event.indexOf(' ');
            stream.append("event: ").append(event, 0, space).append("\ndata: ").append(event.substring(space + 1))
                    .append("\n\n");
        }
        for (SseDecoder.Event event : new SseDecoder().feed(stream.toString().getBytes(StandardCharsets.UTF_8))) {
            accumulator.accept(StreamEvent.of(event, JSON, "req_1"));
        }
    }

    @Test
    void aWholeStreamBuildsTheMessageAndRelaysEachTextDelta() {
        play(START, TEXT_START, PING, delta(0, "Your order"), delta(0, " ships today."), stop(0), MESSAGE_DELTA,
                MESSAGE_STOP);

        MessageResponse message = accumulator.message();
        assertThat(relayed).containsExactly("Your order", " ships today.");
        assertThat(message.text()).isEqualTo("Your order ships today.");
        assertThat(message.id()).isEqualTo("msg_1");
        assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
        // Usage merged: input and cache from message_start, output from message_delta.
        assertThat(message.usage().inputTokens()).isEqualTo(40);
        assertThat(message.usage().cacheReadInputTokens()).isEqualTo(4012);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
    }

    @Test
    void aToolCallsInputJsonIsJoinedAndParsedAtItsStop() {
        play(START, "content_block_start {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"record\",\"input\":{}}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"total\\\": 1\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"2}\"}}",
                stop(0), MESSAGE_DELTA, MESSAGE_STOP);

        ContentBlock.ToolUse use = accumulator.message().blocks(ContentBlock.ToolUse.class).get(0);
        assertThat(use.input().path("total").asInt()).isEqualTo(12);
        assertThat(relayed).isEmpty();
    }

    @Test
    void thinkingAndItsSignatureAreJoinedAndNotRelayed() {
        play(START, "content_block_start {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"see.\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}",
                stop(0), "content_block_start {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                delta(1, "Hi"), stop(1), MESSAGE_DELTA, MESSAGE_STOP);

        ContentBlock.Thinking thinking = accumulator.message().blocks(ContentBlock.Thinking.class).get(0);
        assertThat(thinking.thinking()).isEqualTo("Let me see.");
        assertThat(thinking.signature()).isEqualTo("sig");
        assertThat(relayed).containsExactly("Hi");
        assertThat(accumulator.message().text()).isEqualTo("Hi");
    }

    @Test
    void unknownEventsAndDeltasAreIgnoredWherever() {
        play("future_event {\"type\":\"future_event\"}", START, TEXT_START, "content_block_delta {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"sparkle_delta\"}}", delta(0, "x"), PING, stop(0), PING, MESSAGE_DELTA,
                MESSAGE_STOP, PING);

        assertThat(accumulator.message().text()).isEqualTo("x");
    }

    @Test
    void aStreamCutBeforeMessageStopHasNoMessageButKeepsItsPartialUsage() {
        play(START, TEXT_START, delta(0, "Half"));

        assertThat(accumulator.complete()).isFalse();
        assertThat(accumulator.usage().inputTokens()).isEqualTo(40);
        assertThat(accumulator.usage().outputTokens()).isEqualTo(1);
        assertThatThrownBy(accumulator::message).isInstanceOf(AnthropicResponseException.class)
                .hasMessageContaining("before message_stop");
    }

    @Test
    void anErrorEventIsTheTypedExceptionItsTypeMeans() {
        assertThatThrownBy(() -> play(START, TEXT_START, delta(0, "Hal"),
                "error {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(AnthropicApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(529);
                    assertThat(e.errorType()).isEqualTo("overloaded_error");
                    assertThat(e.requestId()).isEqualTo("req_1");
                });
        assertThat(relayed).containsExactly("Hal");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a block before the message starts | TEXT_START
            two message starts                | START,START
            a delta outside any block         | START,DELTA0
            a block index skipped             | START,BLOCK1
            a delta for another block         | START,TEXT_START,DELTA1
            a stop for another block          | START,TEXT_START,STOP1
            message_delta inside a block      | START,TEXT_START,MESSAGE_DELTA
            message_stop inside a block       | START,TEXT_START,MESSAGE_STOP
            an event after message_stop       | START,MESSAGE_DELTA,MESSAGE_STOP,TEXT_START
            """)
    void eventsOutOfOrderAreRefused(String name, String sequence) {
        List<String> events = new ArrayList<>();
        for (String key : sequence.strip().split(",")) {
            events.add(switch (key) {
                case "START" -> START;
                case "TEXT_START" -> TEXT_START;
                case "BLOCK1" -> TEXT_START.replace("\"index\":0", "\"index\":1");
                case "DELTA0" -> delta(0, "x");
                case "DELTA1" -> delta(1, "x");
                case "STOP1" -> stop(1);
                case "MESSAGE_DELTA" -> MESSAGE_DELTA;
                default -> MESSAGE_STOP;
            });
        }
        assertThatThrownBy(() -> play(events.toArray(String[]::new))).as(name)
                .isInstanceOf(AnthropicResponseException.class).hasMessageContaining("out of order");
    }

    @Test
    void usageMergesTheLatestValueOfEachField() {
        Usage start = new Usage(40, 0, 4012, null, 1, null, "standard", null, null);
        Usage delta = new Usage(null, null, null, null, 12, new Usage.OutputTokensDetails(3), null, null, null);

        Usage merged = MessageAccumulator.merge(start, delta);
        assertThat(merged).isEqualTo(new Usage(40, 0, 4012, null, 12, new Usage.OutputTokensDetails(3), "standard", null, null));
        assertThat(MessageAccumulator.merge(start, null)).isSameAs(start);
        assertThat(MessageAccumulator.merge(null, delta)).isSameAs(delta);
    }

    @Test
    void anEventThatIsNotJsonIsAResponseError() {
        assertThatThrownBy(() -> StreamEvent.of(new SseDecoder.Event("message_start", "{not json"), JSON, "req_1"))
                .isInstanceOf(AnthropicResponseException.class).hasMessageContaining("not JSON");
    }

    @Test
    void eachThinkingBlockKeepsItsOwnSignatureAndCitationsJoinTheirTextBlock() {
        String thinking = "content_block_start {\"type\":\"content_block_start\",\"index\":INDEX,\"content_block\":"
                + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}";
        String signature = "content_block_delta {\"type\":\"content_block_delta\",\"index\":INDEX,\"delta\":"
                + "{\"type\":\"signature_delta\",\"signature\":\"SIG\"}}";
        play(START, thinking.replace("INDEX", "0"), signature.replace("INDEX", "0").replace("SIG", "first"), stop(0),
                thinking.replace("INDEX", "1"), signature.replace("INDEX", "1").replace("SIG", "second"), stop(1),
                TEXT_START.replace("\"index\":0", "\"index\":2"), delta(2, "Cited."),
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"citations_delta\","
                        + "\"citation\":{\"type\":\"char_location\",\"cited_text\":\"x\"}}}", stop(2), MESSAGE_DELTA,
                MESSAGE_STOP);

        List<ContentBlock.Thinking> thoughts = accumulator.message().blocks(ContentBlock.Thinking.class);
        assertThat(thoughts).extracting(ContentBlock.Thinking::signature).containsExactly("first", "second");
        ContentBlock.Text text = accumulator.message().blocks(ContentBlock.Text.class).get(0);
        assertThat(text.citations().get(0).path("cited_text").asText()).isEqualTo("x");
    }

    @Test
    void aToolCallWithoutInputDeltasKeepsTheInputItStartedWith() {
        play(START, "content_block_start {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"record\",\"input\":{\"ready\":true}}}", stop(0), MESSAGE_DELTA, MESSAGE_STOP);

        assertThat(accumulator.message().blocks(ContentBlock.ToolUse.class).get(0).input().path("ready").asBoolean()).isTrue();
    }
}
