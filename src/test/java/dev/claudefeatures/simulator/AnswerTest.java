package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the simulated model answers, and how max_tokens, stop sequences and shaping faults bend it. */
class AnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL = """
            {"name":"record_x","input_schema":{"type":"object","properties":{"total":{"type":"number"}},
             "required":["total"],"additionalProperties":false}}""";
    private static final String OTHER_TOOL = TOOL.replace("record_x", "record_y");

    private static JsonNode request(String extra, int maxTokens, String text) throws Exception {
        return JSON.readTree("{\"model\":\"m\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(text) + "}]" + extra + "}");
    }

    private static Answer answer(String extra, int maxTokens, String text) throws Exception {
        return Answer.of(request(extra, maxTokens, text), null);
    }

    @Test
    void withoutToolsTheAnswerIsTextThatEndsTheTurn() throws Exception {
        Answer answer = answer("", 100, "Hello there");

        assertThat(answer.stopReason()).isEqualTo("end_turn");
        assertThat(answer.content().get(0).path("text").asText()).isEqualTo("[offline simulator] Hello there");
        assertThat(answer.outputTokens()).isEqualTo(("[offline simulator] Hello there".length() + 3) / 4);
    }

    @Test
    void anEmptyToolListOrToolChoiceNoneAnswersText() throws Exception {
        assertThat(answer(",\"tools\":[]", 100, "Total 12").stopReason()).isEqualTo("end_turn");
        assertThat(answer(",\"tools\":[" + TOOL + "],\"tool_choice\":{\"type\":\"none\"}", 100, "Total 12")
                .content().get(0).path("type").asText()).isEqualTo("text");
    }

    @Test
    void aForcedToolIsCalledByNameAndAnUnknownNameIsA400() throws Exception {
        Answer answer = answer(",\"tools\":[" + TOOL + "," + OTHER_TOOL + "],\"tool_choice\":{\"type\":\"tool\",\"name\":\"record_y\"}",
                100, "Total 12");

        assertThat(answer.stopReason()).isEqualTo("tool_use");
        assertThat(answer.content().get(0).path("name").asText()).isEqualTo("record_y");
        assertThat(answer.content().get(0).path("input").path("total").asDouble()).isEqualTo(12);
        assertThatThrownBy(() -> answer(",\"tools\":[" + TOOL + "],\"tool_choice\":{\"type\":\"tool\",\"name\":\"nope\"}",
                100, "x")).isInstanceOfSatisfying(SimulatedError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void autoAndAnyCallTheFirstTool() throws Exception {
        assertThat(answer(",\"tools\":[" + TOOL + "," + OTHER_TOOL + "]", 100, "Total 3").content().get(0)
                .path("name").asText()).isEqualTo("record_x");
        assertThat(answer(",\"tools\":[" + OTHER_TOOL + "," + TOOL + "],\"tool_choice\":{\"type\":\"any\"}", 100,
                "Total 3").content().get(0).path("name").asText()).isEqualTo("record_y");
    }

    @Test
    void aToolCallThatFitsExactlyIsWholeAndOneTokenLessCutsIt() throws Exception {
        JsonNode input = answer(",\"tools\":[" + TOOL + "]", 100, "Total 12").content().get(0).path("input");
        int tokens = (input.toString().length() + 3) / 4;

        Answer whole = answer(",\"tools\":[" + TOOL + "]", tokens, "Total 12");
        Answer cut = answer(",\"tools\":[" + TOOL + "]", tokens - 1, "Total 12");

        assertThat(whole.stopReason()).isEqualTo("tool_use");
        assertThat(whole.outputTokens()).isEqualTo(tokens);
        assertThat(cut.stopReason()).isEqualTo("max_tokens");
        assertThat(cut.content().get(0).path("input").isEmpty()).isTrue();
        assertThat(cut.outputTokens()).isEqualTo(tokens - 1);
    }

    @Test
    void theStructuredTextFormatAnswersJsonText() throws Exception {
        Answer answer = answer(",\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":"
                + JSON.readTree(TOOL).path("input_schema") + "}}", 100, "Total 7");

        assertThat(answer.stopReason()).isEqualTo("end_turn");
        assertThat(JSON.readTree(answer.content().get(0).path("text").asText()).path("total").asDouble()).isEqualTo(7);
    }

    @Test
    void theEarliestNonEmptyStopSequenceEndsTheTextEvenAtItsStart() throws Exception {
        Answer answer = answer(",\"stop_sequences\":[\"\",\"two\",\"one\"]", 100, "one two three");
        assertThat(answer.stopReason()).isEqualTo("stop_sequence");
        assertThat(answer.stopSequence()).isEqualTo("one");
        assertThat(answer.content().get(0).path("text").asText()).isEqualTo("[offline simulator] ");

        Answer atStart = answer(",\"stop_sequences\":[\"[offline\"]", 100, "anything");
        assertThat(atStart.stopReason()).isEqualTo("stop_sequence");
        assertThat(atStart.content()).isEmpty();
        // The API counts an output token even for an empty answer.
        assertThat(atStart.outputTokens()).isEqualTo(1);
    }

    @Test
    void textLongerThanMaxTokensIsCutToFourCharactersAToken() throws Exception {
        String text = "word ".repeat(40);
        Answer answer = answer("", 5, text);

        assertThat(answer.stopReason()).isEqualTo("max_tokens");
        assertThat(answer.content().get(0).path("text").asText()).hasSize(20);
        assertThat(answer.outputTokens()).isEqualTo(5);
    }

    @Test
    void textOfExactlyMaxTokensIsWhole() throws Exception {
        String reply = "[offline simulator] abcd";
        int tokens = (reply.length() + 3) / 4;

        assertThat(answer("", tokens, "abcd").stopReason()).isEqualTo("end_turn");
        assertThat(answer("", tokens - 1, "abcd").stopReason()).isEqualTo("max_tokens");
    }

    @Test
    void shapingFaultsRefuseOrCutShort() throws Exception {
        Answer refusal = Answer.of(request("", 100, "x"), Fault.stop("refusal"));
        assertThat(refusal.stopReason()).isEqualTo("refusal");
        assertThat(refusal.content().get(0).path("text").asText()).isEqualTo(Answer.REFUSAL_TEXT);

        String text = "many words here ".repeat(10);
        Answer cut = Answer.of(request("", 1000, text), Fault.stop("max_tokens"));
        int whole = (("[offline simulator] " + text.strip()).length() + 3) / 4;
        assertThat(cut.stopReason()).isEqualTo("max_tokens");
        assertThat(cut.outputTokens()).isLessThanOrEqualTo(whole / 2).isPositive();

        Answer cutTool = Answer.of(request(",\"tools\":[" + TOOL + "]", 1000, "Total 1"), Fault.stop("max_tokens"));
        assertThat(cutTool.stopReason()).isEqualTo("max_tokens");
        assertThat(cutTool.content().get(0).path("input").isEmpty()).isTrue();
    }

    @Test
    void aShapedAnswerReplacesTheGeneratedValue() throws Exception {
        Fault shaping = new Fault(0, null, null, Map.of(), Duration.ZERO, JSON.readTree("{\"total\":\"not a number\"}"),
                null);

        Answer answer = Answer.of(request(",\"tools\":[" + TOOL + "]", 100, "Total 1"), shaping);

        assertThat(answer.content().get(0).path("input").path("total").asText()).isEqualTo("not a number");
    }
}
