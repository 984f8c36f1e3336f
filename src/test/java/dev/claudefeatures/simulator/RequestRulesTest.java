package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

/**
 * The simulator's request rules, a row per rule: what the API rejects with a 400 (and the
 * message's start), and the nearest request it accepts.
 */
class RequestRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(
            Map.of("models.claude-haiku-4-5.capabilities.structured-outputs", "false"), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);
    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    private static final String TOOL = "{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

    private static void check(String model, String version, String fields) throws Exception {
        JsonNode body = JSON.readTree("{\"model\":\"" + model + "\"," + fields + "}");
        RequestRules.checkMessages(body, ApiVersion.fromWire(version), CATALOG.models().get(model));
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":64001,USER | max_tokens: 64001 > 64000
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":-1,USER | max_tokens: Input should be a non-negative integer
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":1.5,USER | max_tokens: Input should be a non-negative integer
            claude-sonnet-4-6 | 2026-10-21 | USER | max_tokens: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"stream":"yes",USER | stream: Input should be a valid boolean
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"unknown":1,USER | unknown: Extra inputs are not permitted
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"system":5,USER | system: Input should be a string or a list
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"system":[{"type":"image"}],USER | system.0: Input should be a text block
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"system":[{"type":"text","text":3}],USER | system.0: Input should be a text block
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10 | messages: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[] | messages: at least one message
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"assistant","content":"x"}] | messages: first message
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"bot","content":"x"}] | messages.0.role:
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user"}] | messages.0.content: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":7}] | messages.0.content: Input should be a string or a list
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"video"}]}] | messages.0.content.0.type: Input tag 'video'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}] | messages.0.content.0.text: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","name":"t","input":{}}]}] | messages.1.content.0: tool_use blocks need an id
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"a","input":{}}]}] | messages.1.content.0: tool_use blocks need an id
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result"}]}] | messages.0.content.0.tool_use_id: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"document"}]}] | messages.1.content.0: document blocks are not allowed
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"x","citations":[{}]}]}] | messages.0.content.0.citations:
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":{},USER | tools: Input should be a list
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"input_schema":{"type":"object"}}],USER | tools.0.name: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"t","input_schema":{"type":"array"}}],USER | tools.0.input_schema.type: Input should be 'object'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"format":{"type":"text"}},USER | output_config.format.type:
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"format":{"type":"json_schema","schema":{"type":"array"}}},USER | output_config.format.schema.type:
            claude-haiku-4-5 | 2026-10-21 | "max_tokens":10,"output_config":{"format":{"type":"json_schema","schema":SCHEMA}},USER | output_config.format: structured outputs are not supported
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"maybe"},USER | tool_choice.type:
            claude-opus-5-5 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"any"},USER | tool_choice: type "tool" and "any" are not supported
            claude-opus-5-5 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"tool","name":"t"},USER | tool_choice: type "tool" and "any" are not supported
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"tool"},USER | tool_choice.name: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"temperature":0.5,USER | temperature: is not supported in API version 2026-10-21
            claude-sonnet-5 | 2023-06-01 | "max_tokens":10,"temperature":0.5,USER | temperature: is not supported for this model
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":0.5,"top_p":0.9,USER | temperature and top_p cannot both
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"metadata":{"user_id":5},USER | metadata.user_id: Input should be a valid string
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"metadata":{"email":"a@b.c"},USER | metadata.email: Extra inputs are not permitted
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"metadata":"u-1",USER | metadata: Input should be an object
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"service_tier":"priority",USER | service_tier: Input should be 'auto', 'standard_only'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"speed":"turbo",USER | speed: Input should be 'fast', 'standard'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"effort":"extreme"},USER | output_config.effort: Input should be
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"verbosity":1},USER | output_config.verbosity: Extra inputs
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"on"},USER | thinking.type: Input should be
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":"adaptive",USER | thinking.type: Input should be
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1023},USER | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1500.5},USER | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":2000,"thinking":{"type":"enabled"},USER | thinking.enabled.budget_tokens: Field required
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":2000},USER | `max_tokens` must be greater than `thinking.budget_tokens`
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive","display":"full"},USER | thinking.display: Input should be
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"tools":[TOOL],"tool_choice":{"type":"any"},USER | Thinking may not be enabled when tool_choice forces tool use.
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024},"tools":[TOOL],"tool_choice":{"type":"tool","name":"t"},USER | Thinking may not be enabled when tool_choice forces tool use.
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"thinking":{"type":"adaptive"},"temperature":0.5,USER | `temperature` may only be set to 1
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"thinking":{"type":"adaptive"},"top_k":5,USER | `top_k` is not supported when thinking
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"thinking":{"type":"adaptive"},"top_p":0.9,USER | `top_p` must be greater than or equal to 0.95
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":1.5,USER | temperature: Input should be less than or equal to 1
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":-0.1,USER | temperature: Input should be greater than or equal to 0
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":"hot",USER | temperature: Input should be a valid number
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"top_p":1.2,USER | top_p: Input should be less than or equal to 1
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"top_k":-1,USER | top_k: Input should be a non-negative integer
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"top_k":2.5,USER | top_k: Input should be a non-negative integer
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"look up","input_schema":{"type":"object"}}],USER | tools.0.custom.name: String should match pattern
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"NAME65","input_schema":{"type":"object"}}],USER | tools.0.custom.name: String should match pattern
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"","input_schema":{"type":"object"}}],USER | tools.0.custom.name: String should match pattern
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL,TOOL],USER | tools: Tool names must be unique.
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"bash","input_schema":{"type":"object"}},{"type":"bash_20250124","name":"bash"}],USER | tools: Tool names must be unique.
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"type":"bash_20250124","name":"shell"}],USER | tools.0.bash_20250124.name: Input should be 'bash'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"type":"teleport_20990101","name":"t"}],USER | tools.0.type: Input tag 'teleport_20990101'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"system","content":[{"type":"image"}]}] | messages.1.content.0.type: Input should be 'text'
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"system","content":"x"},{"role":"assistant","content":"y"}] | messages: first message
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"tools":[TOOL],"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"a"}]}] | messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"thinking","thinking":"x","signature":"forged"},{"type":"text","text":"y"}]},{"role":"user","content":"z"}] | messages.1.content.0: Invalid `signature` in `thinking` block
            """)
    void theApiRejects(String model, String version, String fields, String message) throws Exception {
        assertThatThrownBy(() -> check(model.strip(), version.strip(), expand(fields)))
                .isInstanceOfSatisfying(SimulatedError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith(message.strip());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":64000,USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":0,USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"stream":false,"system":[{"type":"text","text":"a"}],USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"x","citations":[]}]}]
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"x","citations":[{}]}]}]
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"document"}]}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"a"}]}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"tool","name":"t"},USER
            claude-opus-5-5 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"auto"},USER
            claude-opus-5-5 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"tool_choice":{"type":"none"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"effort":"low"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"format":{"type":"json_schema","schema":SCHEMA}},USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":0.5,USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":0,USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"temperature":1,"top_k":0,USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"top_p":1,USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"thinking":{"type":"adaptive"},"temperature":1,USER
            claude-sonnet-4-6 | 2023-06-01 | "max_tokens":10,"thinking":{"type":"adaptive"},"top_p":0.95,USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"user","content":"y"}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"x"},{"role":"system","content":[{"type":"text","text":"now formal"}]}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"speed":"fast","service_tier":"standard_only","metadata":{"user_id":"u-1"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"speed":null,"service_tier":"auto","metadata":{"user_id":null},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"output_config":{"effort":null,"format":null},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL,{"type":"bash_20250124","name":"bash"},{"type":"web_search_20250305","name":"web_search"},{"type":"computer_toolset_20260801"}],USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[{"name":"NAME64","input_schema":{"type":"object"}},{"name":"a-b_C9","input_schema":{"type":"object"},"type":"custom"}],USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":1025,"thinking":{"type":"enabled","budget_tokens":1024,"display":"omitted"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"disabled"},"tools":[TOOL],"tool_choice":{"type":"any"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive","display":null},"tools":[TOOL],"tool_choice":{"type":"auto"},USER
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"tools":[TOOL],"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"thinking","thinking":"x","signature":"SIGNED"},{"type":"tool_use","id":"a","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"a"}]}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"tools":[TOOL],"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque"},{"type":"tool_use","id":"a","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"a"}]}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"thinking","thinking":"","signature":"SIGNED"},{"type":"text","text":"y"}]},{"role":"user","content":"z"}]
            claude-sonnet-4-6 | 2026-10-21 | "max_tokens":10,"tools":[TOOL],"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"a"}]}]
            """)
    void theApiAccepts(String model, String version, String fields) {
        assertThatCode(() -> check(model.strip(), version.strip(), expand(fields))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "count_tokens: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            "max_tokens":10,USER | max_tokens: Extra inputs are not permitted
            "system":5,USER | system: Input should be a string or a list
            "tools":{},USER | tools: Input should be a list
            "thinking":{"type":"enabled","budget_tokens":100},USER | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024
            """)
    void countTokensChecksItsOwnFieldsAndTheCommonRules(String fields, String message) throws Exception {
        JsonNode body = JSON.readTree("{\"model\":\"claude-sonnet-4-6\"," + expand(fields) + "}");
        assertThatThrownBy(() -> RequestRules.checkCountTokens(body, ApiVersion.V2026_10_21,
                CATALOG.models().get("claude-sonnet-4-6"))).isInstanceOf(SimulatedError.class)
                .hasMessageStartingWith(message.strip());
    }

    private static String expand(String fields) {
        return fields.strip().replace("USER", USER).replace("TOOL", TOOL).replace("SCHEMA", SCHEMA)
                .replace("NAME64", "n".repeat(64)).replace("NAME65", "n".repeat(65))
                .replace("SIGNED", Thinking.sign("x"));
    }
}
