package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The records against the API's JSON: names, forms, and what is left out. */
class WireFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aMinimalRequestCarriesOnlyTheRequiredFields() throws Exception {
        MessageRequest request = MessageRequest.builder("claude-sonnet-4-6", 64).message(Message.user("hi")).build();

        assertThat(json(request)).isEqualTo(json("""
                {"model":"claude-sonnet-4-6","max_tokens":64,
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"""));
    }

    @Test
    void aFullRequestUsesTheApisFieldNamesAndForms() throws Exception {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
        MessageRequest request = MessageRequest.builder("claude-opus-4-6", 1000)
                .system(SystemPrompt.of(List.of(new ContentBlock.Text("rules")
                        .withCacheControl(CacheControl.ephemeral(CacheControl.Ttl.ONE_HOUR)))))
                .cacheControl(CacheControl.ephemeral())
                .tools(List.of(Tool.strict("record", "Record it", schema)))
                .toolChoice(ToolChoice.tool("record").withoutParallelToolUse())
                .outputConfig(new OutputConfig(null, OutputConfig.Effort.HIGH))
                .metadata(new Metadata("user-7f3a"))
                .stopSequences(List.of("END"))
                .thinking(ThinkingConfig.enabled(2048))
                .diagnostics(new RequestDiagnostics("msg_prev"))
                .message(Message.user("hi"))
                .build();

        assertThat(json(request)).isEqualTo(json("""
                {"model":"claude-opus-4-6","max_tokens":1000,
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],
                 "system":[{"type":"text","text":"rules","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "cache_control":{"type":"ephemeral"},
                 "tools":[{"name":"record","description":"Record it","input_schema":%s,"strict":true}],
                 "tool_choice":{"type":"tool","name":"record","disable_parallel_tool_use":true},
                 "output_config":{"effort":"high"},
                 "metadata":{"user_id":"user-7f3a"},
                 "stop_sequences":["END"],
                 "thinking":{"type":"enabled","budget_tokens":2048},
                 "diagnostics":{"previous_message_id":"msg_prev"}}""".formatted(schema)));
    }

    @Test
    void everyToolChoiceFormSerialises() throws Exception {
        assertThat(json(ToolChoice.auto())).isEqualTo(json("{\"type\":\"auto\"}"));
        assertThat(json(ToolChoice.any())).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(json(ToolChoice.none())).isEqualTo(json("{\"type\":\"none\"}"));
        assertThat(json(ToolChoice.tool("x"))).isEqualTo(json("{\"type\":\"tool\",\"name\":\"x\"}"));
    }

    @Test
    void outputFormatIsAJsonSchema() throws Exception {
        JsonNode schema = json("{\"type\":\"object\"}");
        assertThat(json(OutputConfig.jsonSchema(schema)))
                .isEqualTo(json("{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"));
    }

    @Test
    void toolResultsAndAssistantToolUseRoundTrip() throws Exception {
        Message assistant = Message.assistant(List.of(
                new ContentBlock.ToolUse("toolu_1", "record", json("{\"a\":\"b\"}"), null)));
        Message user = Message.user(List.of(
                new ContentBlock.ToolResult("toolu_1", JSON.getNodeFactory().textNode("bad: a"), true, null)));

        assertThat(json(assistant)).isEqualTo(json("""
                {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"record","input":{"a":"b"}}]}"""));
        assertThat(json(user)).isEqualTo(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"bad: a","is_error":true}]}"""));
    }

    @Test
    void aResponseReadsEveryBlockTypeAndIgnoresUnknownFields() throws Exception {
        MessageResponse response = JSON.readValue("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","new_field":42,
                 "content":[{"type":"thinking","thinking":"plan","signature":"s"},
                            {"type":"redacted_thinking","data":"xyz"},
                            {"type":"text","text":"Hello ","citations":null},
                            {"type":"tool_use","id":"toolu_1","name":"f","input":{"k":1}},
                            {"type":"text","text":"world"}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "diagnostics":{"cache_miss_reason":{"type":"system_changed","cache_missed_input_tokens":1200}},
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":30,"cache_read_input_tokens":100,
                          "cache_creation":{"ephemeral_5m_input_tokens":10,"ephemeral_1h_input_tokens":20},
                          "output_tokens":7,"output_tokens_details":{"thinking_tokens":3},
                          "service_tier":"standard","inference_geo":"us"}}
                """, MessageResponse.class);

        assertThat(response.content()).extracting(ContentBlock::type)
                .containsExactly("thinking", "redacted_thinking", "text", "tool_use", "text");
        assertThat(response.text()).isEqualTo("Hello world");
        assertThat(response.blocks(ContentBlock.ToolUse.class)).singleElement()
                .satisfies(block -> assertThat(block.input().path("k").asInt()).isEqualTo(1));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.diagnostics().cacheMissReason().type()).isEqualTo("system_changed");
        assertThat(response.diagnostics().cacheMissReason().cacheMissedInputTokens()).isEqualTo(1200);
        Usage usage = response.usage();
        assertThat(usage.inputTokensOrZero()).isEqualTo(10);
        assertThat(usage.cacheWriteTokensOrZero()).isEqualTo(30);
        assertThat(usage.cacheWrite5mTokens()).isEqualTo(10);
        assertThat(usage.cacheWrite1hTokens()).isEqualTo(20);
        assertThat(usage.cacheReadTokensOrZero()).isEqualTo(100);
        assertThat(usage.outputTokensDetails().thinkingTokens()).isEqualTo(3);
    }

    @Test
    void everyStopReasonIsKnownAndANewOneIsUnknownNotAnError() throws Exception {
        for (String reason : List.of("end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal",
                "model_context_window_exceeded")) {
            assertThat(StopReason.fromWire(reason).wireName()).isEqualTo(reason);
        }
        MessageResponse response = JSON.readValue(
                "{\"content\":[],\"stop_reason\":\"something_new\",\"usage\":{}}", MessageResponse.class);
        assertThat(response.stopReason()).isEqualTo(StopReason.UNKNOWN);
    }

    @Test
    void usageWithoutTheTtlSplitCountsAsFiveMinuteWrites() throws Exception {
        Usage usage = JSON.readValue("{\"cache_creation_input_tokens\":40}", Usage.class);

        assertThat(usage.cacheWrite5mTokens()).isEqualTo(40);
        assertThat(usage.cacheWrite1hTokens()).isZero();
        assertThat(usage.inputTokensOrZero()).isZero();
    }
}
