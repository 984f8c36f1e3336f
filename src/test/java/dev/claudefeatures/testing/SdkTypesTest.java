package dev.claudefeatures.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The SDK type table's reader and checker, and the extractor that writes it from declaration files. */
class SdkTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SdkTypes SDK = SdkTypes.load();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ObjectNode message() throws Exception {
        return (ObjectNode) json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
                 "content":[{"type":"text","text":"hi","citations":null},
                            {"type":"tool_use","id":"toolu_1","name":"t","input":{},"caller":{"type":"direct"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"stop_details":null,"container":null,"diagnostics":null,
                 "usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},
                          "output_tokens_details":{"thinking_tokens":0},"server_tool_use":null,
                          "service_tier":"standard","inference_geo":"global","speed":"standard"}}""");
    }

    @Test
    void aCompleteMessageFits() throws Exception {
        assertThat(SDK.violations(message(), "Message")).isEmpty();
    }

    @Test
    void eachDepartureIsNamedByItsPath() throws Exception {
        ObjectNode missing = message();
        missing.remove("container");
        ObjectNode notNullable = message();
        notNullable.putNull("content");
        ObjectNode unknownField = message();
        unknownField.put("mood", "happy");
        ObjectNode badEnum = message();
        badEnum.put("stop_reason", "bored");
        ObjectNode badBlock = message();
        ((ObjectNode) badBlock.path("content").get(1)).remove("caller");
        ObjectNode badNumber = message();
        ((ObjectNode) badNumber.path("usage")).put("input_tokens", "1");
        ObjectNode badTier = message();
        ((ObjectNode) badTier.path("usage")).put("service_tier", "gold");

        assertThat(SDK.violations(missing, "Message")).containsExactly("$.container: missing, but Message requires it");
        assertThat(SDK.violations(notNullable, "Message")).containsExactly("$.content: null, but the type is Array<ContentBlock>");
        assertThat(SDK.violations(unknownField, "Message")).containsExactly("$.mood: not a field of Message");
        assertThat(SDK.violations(badEnum, "Message")).singleElement().asString().startsWith("$.stop_reason");
        assertThat(SDK.violations(badBlock, "Message"))
                .containsExactly("$.content[1].caller: missing, but ToolUseBlock requires it");
        assertThat(SDK.violations(badNumber, "Message")).containsExactly("$.usage.input_tokens: \"1\" is not a number");
        assertThat(SDK.violations(badTier, "Message")).singleElement().asString().startsWith("$.usage.service_tier");
    }

    @Test
    void anOptionalFieldMayBeAbsentAndAnOpenStringAcceptsAnyText() throws Exception {
        ObjectNode message = message();
        ((ObjectNode) message.path("content").get(1)).put("toolset_name", "x");
        message.put("model", "claude-future-9");

        assertThat(SDK.violations(message, "Message")).isEmpty();
    }

    @Test
    void readsUnionsLiteralsAndFields() {
        assertThat(SDK.literals("StopReason")).contains("end_turn", "refusal", "model_context_window_exceeded");
        assertThat(SDK.members("ContentBlock")).contains("TextBlock", "ThinkingBlock", "ToolUseBlock");
        assertThat(SDK.fieldTypes("Usage", "speed")).containsExactly("'standard'", "'fast'", "null");
        assertThat(SDK.fieldNames("ThinkingBlock")).containsExactlyInAnyOrder("signature", "thinking", "type");
        assertThatThrownBy(() -> SDK.fieldTypes("Usage", "colour")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SDK.members("NoSuchType")).hasMessageContaining("refresh it");
    }

    @Test
    void theExtractorReadsInterfacesAliasesOptionalityAndParentsFromDeclarations() throws Exception {
        String declarations = """
                /**
                 * A comment with a brace { and a pipe | that must not confuse the reader.
                 */
                export interface Message extends Base {
                    /**
                     * The id.
                     */
                    id: string;
                    content: Array<Block>;
                    stop_reason: StopReason | null;
                    extra?: {
                        [key: string]: unknown;
                    } | null;
                    tags?: string[];
                }
                export interface Base {
                    type: 'message';
                }
                export type Block = TextBlock | OtherBlock;
                export interface TextBlock {
                    type: 'text';
                    text: string;
                }
                export type StopReason = 'end_turn' | 'max_tokens';
                export interface MessageTokensCount { input_tokens: number; }
                export interface ErrorResponse { type: 'error'; }
                """;
        JsonNode types = new SdkTypesExtractor(List.of(declarations))
                .table("@anthropic-ai/sdk test", List.of("x.d.ts"), List.of()).path("types");

        assertThat(types.path("Message").path("fields").path("id")).isEqualTo(json("{\"required\":true,\"types\":[\"string\"]}"));
        assertThat(types.path("Message").path("fields").path("type").path("types").get(0).asText()).isEqualTo("'message'");
        assertThat(types.path("Message").path("fields").path("extra"))
                .isEqualTo(json("{\"required\":false,\"types\":[\"object\",\"null\"]}"));
        assertThat(types.path("Message").path("fields").path("tags").path("types").get(0).asText()).isEqualTo("Array<string>");
        assertThat(types.path("Block").path("union")).isEqualTo(json("[\"TextBlock\",\"OtherBlock\"]"));
        assertThat(types.path("StopReason").path("union")).isEqualTo(json("[\"'end_turn'\",\"'max_tokens'\"]"));
        assertThat(types.has("TextBlock")).as("reached through Block").isTrue();
        assertThat(types.has("OtherBlock")).as("not declared, so not kept").isFalse();
    }
}
