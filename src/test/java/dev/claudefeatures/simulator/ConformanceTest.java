package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.SdkTypes;
import dev.claudefeatures.testing.TestConfig;

/**
 * The simulator held to the official TypeScript SDK's types (the table in
 * {@code src/test/resources/sdk-types/}, its source named in the table): every answer to a request
 * the API accepts is checked field by field against {@code Message} (required and nullable fields,
 * literals and enums, no field the SDK does not declare) with its ids and headers; every request
 * the API rejects gets the API's status and error type in an {@code ErrorResponse} envelope.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SdkTypes SDK = SdkTypes.load();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);
    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"Summarise: the invoice INV-7 is due 2026-12-01.\"}]";
    private static final String TOOL = "{\"name\":\"record_invoice\",\"description\":\"Records an invoice\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"number\":{\"type\":\"string\"},"
            + "\"due\":{\"type\":\"string\",\"format\":\"date\"}},\"required\":[\"number\",\"due\"]}}";
    private static final String STRICT_TOOL = TOOL.replace("{\"name\"", "{\"strict\":true,\"name\"");
    private static final String LONG_SYSTEM = "Policy line. ".repeat(1000);
    private static final String TOOL_LOOP = "{\"role\":\"user\",\"content\":\"Record INV-7\"},"
            + "{\"role\":\"assistant\",\"content\":[THINKING{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"record_invoice\",\"input\":{}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"done\"}]}";

    private static final List<String> COUNT_TOKENS_FIELDS = List.of("USER",
            "\"system\":\"LONG_SYSTEM\",\"tools\":[TOOL],USER",
            "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":50000},USER");
    /** The tests that send one request each: the refusal and the body over 32 MB. */
    private static final int SINGLE_REQUEST_TESTS = 2;

    private final SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(new AtomicLong(1_000_000L)::get), JSON);

    /** A request row: headers besides the defaults (a null value removes one), path and body. */
    record Exchange(String name, Map<String, String> headers, String path, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Exchange messages(String name, String fields) {
        return new Exchange(name, Map.of(), "/v1/messages", body(fields));
    }

    private static Exchange messages(String name, Map<String, String> headers, String fields) {
        return new Exchange(name, headers, "/v1/messages", body(fields));
    }

    private static String body(String fields) {
        return ("{\"model\":\"claude-sonnet-4-6\"," + fields + "}")
                .replace("USER", USER).replace("STRICT_TOOL", STRICT_TOOL).replace("TOOL_LOOP", TOOL_LOOP)
                .replace("TOOL", TOOL).replace("LONG_SYSTEM", LONG_SYSTEM);
    }

    private SimulatedResponse send(Exchange exchange) {
        Map<String, String> headers = new HashMap<>(Map.of("x-api-key", "test-key", "anthropic-version", "2026-10-21"));
        exchange.headers().forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        String body = exchange.body().replace("THINKING", "{\"type\":\"thinking\",\"thinking\":\"Record it.\","
                + "\"signature\":\"" + Thinking.sign("Record it.") + "\"},");
        return api.handle("POST", exchange.path(), headers::get, body.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Exchange> accepted() {
        return Stream.of(
                messages("string content", "\"max_tokens\":100,USER"),
                messages("text block content", "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]"),
                messages("system as a string", "\"max_tokens\":100,\"system\":\"Be brief.\",USER"),
                messages("system blocks with a breakpoint", "\"max_tokens\":100,\"system\":[{\"type\":\"text\",\"text\":\"LONG_SYSTEM\",\"cache_control\":{\"type\":\"ephemeral\"}}],USER"),
                messages("a 1h breakpoint", "\"max_tokens\":100,\"system\":[{\"type\":\"text\",\"text\":\"LONG_SYSTEM\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],USER"),
                messages("automatic caching", "\"max_tokens\":100,\"cache_control\":{\"type\":\"ephemeral\"},\"system\":\"LONG_SYSTEM\",USER"),
                messages("a breakpoint on a tool", "\"max_tokens\":100,\"tools\":[" + TOOL.replace("{\"name\"", "{\"cache_control\":{\"type\":\"ephemeral\"},\"name\"") + "],USER"),
                messages("a tool offered (auto)", "\"max_tokens\":200,\"tools\":[TOOL],USER"),
                messages("a tool forced by name", "\"max_tokens\":200,\"tools\":[TOOL],\"tool_choice\":{\"type\":\"tool\",\"name\":\"record_invoice\"},USER"),
                messages("any tool forced", "\"max_tokens\":200,\"tools\":[TOOL],\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true},USER"),
                messages("tools offered, none chosen", "\"max_tokens\":200,\"tools\":[TOOL],\"tool_choice\":{\"type\":\"none\"},USER"),
                messages("a strict tool", "\"max_tokens\":200,\"tools\":[STRICT_TOOL],USER"),
                messages("structured output", "\"max_tokens\":200,\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"properties\":{\"due\":{\"type\":\"string\"}},\"required\":[\"due\"],\"additionalProperties\":false}}},USER"),
                messages("effort", "\"max_tokens\":100,\"output_config\":{\"effort\":\"xhigh\"},USER"),
                messages("thinking with a budget", "\"max_tokens\":3000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},USER"),
                messages("adaptive thinking", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},USER"),
                messages("thinking omitted from display", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},USER"),
                messages("thinking, then a tool call", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},\"tools\":[TOOL],USER"),
                messages("thinking in a tool loop", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},\"tools\":[TOOL],\"messages\":[TOOL_LOOP]"),
                messages("thinking between tools", "\"max_tokens\":3000,\"thinking\":{\"type\":\"between_tools\"},\"tools\":[TOOL],\"messages\":[TOOL_LOOP]"),
                messages("thinking disabled", "\"max_tokens\":100,\"thinking\":{\"type\":\"disabled\"},USER"),
                messages("a stop sequence met", "\"max_tokens\":100,\"stop_sequences\":[\"INV\"],USER"),
                messages("a stop sequence at the very start", "\"max_tokens\":100,\"stop_sequences\":[\"[offline\"],USER"),
                messages("cut by max_tokens", "\"max_tokens\":3,USER"),
                messages("max_tokens 0 warms the cache", "\"max_tokens\":0,\"system\":[{\"type\":\"text\",\"text\":\"LONG_SYSTEM\",\"cache_control\":{\"type\":\"ephemeral\"}}],USER"),
                messages("metadata.user_id", "\"max_tokens\":100,\"metadata\":{\"user_id\":\"6f1c\"},USER"),
                messages("service tier standard_only", "\"max_tokens\":100,\"service_tier\":\"standard_only\",USER"),
                messages("service tier auto", "\"max_tokens\":100,\"service_tier\":\"auto\",USER"),
                messages("speed fast", "\"max_tokens\":100,\"speed\":\"fast\",USER"),
                messages("inference_geo", "\"max_tokens\":100,\"inference_geo\":\"us\",USER"),
                messages("diagnostics naming an unknown message", "\"max_tokens\":100,\"diagnostics\":{\"previous_message_id\":\"msg_unknown\"},USER"),
                messages("diagnostics on the first turn", "\"max_tokens\":100,\"diagnostics\":{\"previous_message_id\":null},USER"),
                messages("consecutive user turns", "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"user\",\"content\":\"two\"}]"),
                messages("a system message in the conversation", "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"system\",\"content\":\"Answer in French.\"},{\"role\":\"user\",\"content\":\"two\"}]"),
                messages("a client tool of the API (bash)", "\"max_tokens\":100,\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"}],USER"),
                messages("a server tool beside a custom one", "\"max_tokens\":200,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},TOOL],USER"),
                messages("a known beta", Map.of("anthropic-beta", "cache-diagnosis-2026-04-07"), "\"max_tokens\":100,USER"),
                messages("two known betas", Map.of("anthropic-beta", "context-1m-2025-08-07, fast-mode-2026-02-01"), "\"max_tokens\":100,USER"),
                messages("version 2023-06-01 with temperature", Map.of("anthropic-version", "2023-06-01"), "\"max_tokens\":100,\"temperature\":0.2,USER"),
                messages("a bearer token", mapOf("x-api-key", null, "authorization", "Bearer test-key"), "\"max_tokens\":100,USER"),
                messages("an image", "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"Describe it\"}]}]"),
                messages("a document", "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"Terms.\"}},{\"type\":\"text\",\"text\":\"Summarise\"}]}]"),
                messages("a tool error returned", "\"max_tokens\":200,\"tools\":[TOOL],\"messages\":[" + TOOL_LOOP.replace("THINKING", "").replace("\"content\":\"done\"", "\"content\":\"failed\",\"is_error\":true") + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void everyAnswerFitsTheSdkMessageType(Exchange exchange) throws Exception {
        SimulatedResponse response = send(exchange);
        JsonNode message = JSON.readTree(response.body());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(SDK.violations(message, "Message")).isEmpty();
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-6");
        for (JsonNode block : message.path("content")) {
            if ("tool_use".equals(block.path("type").asText())) {
                assertThat(block.path("id").asText()).startsWith("toolu_");
            }
            if ("thinking".equals(block.path("type").asText())) {
                assertThat(Thinking.verifies(block.path("thinking").asText(), block.path("signature").asText())).isTrue();
            }
        }
        JsonNode usage = message.path("usage");
        assertThat(usage.path("output_tokens").asInt()).isGreaterThanOrEqualTo(
                usage.path("output_tokens_details").path("thinking_tokens").asInt());
        assertThat(usage.path("cache_creation_input_tokens").asInt()).isEqualTo(
                usage.path("cache_creation").path("ephemeral_5m_input_tokens").asInt()
                        + usage.path("cache_creation").path("ephemeral_1h_input_tokens").asInt());
        assertRequestHeaders(response);
        for (String kind : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
            String prefix = "anthropic-ratelimit-" + kind;
            assertThat(Long.parseLong(response.headers().get(prefix + "-remaining")))
                    .isBetween(0L, Long.parseLong(response.headers().get(prefix + "-limit")));
            assertThat(OffsetDateTime.parse(response.headers().get(prefix + "-reset"))).isNotNull();
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                rejected(new Exchange("no API key", mapOf("x-api-key", null), "/v1/messages", body("\"max_tokens\":10,USER")), 401, "authentication_error"),
                rejected(new Exchange("an empty bearer token", mapOf("x-api-key", null, "authorization", "Bearer "), "/v1/messages", body("\"max_tokens\":10,USER")), 401, "authentication_error"),
                rejected(new Exchange("no version", mapOf("anthropic-version", null), "/v1/messages", body("\"max_tokens\":10,USER")), 400, "invalid_request_error"),
                rejected(new Exchange("an unknown version", Map.of("anthropic-version", "2024-01-01"), "/v1/messages", body("\"max_tokens\":10,USER")), 400, "invalid_request_error"),
                rejected(messages("an unknown beta", Map.of("anthropic-beta", "time-travel-2099-01-01"), "\"max_tokens\":10,USER"), 400, "invalid_request_error"),
                rejected(messages("an unknown beta among known ones", Map.of("anthropic-beta", "context-1m-2025-08-07,nope"), "\"max_tokens\":10,USER"), 400, "invalid_request_error"),
                rejected(new Exchange("an unknown model", Map.of(), "/v1/messages", body("\"max_tokens\":10,USER").replace("claude-sonnet-4-6", "claude-x")), 404, "not_found_error"),
                rejected(new Exchange("an unknown path", Map.of(), "/v1/complete", body("\"max_tokens\":10,USER")), 404, "not_found_error"),
                rejected(new Exchange("a body that is not JSON", Map.of(), "/v1/messages", "{\"model\":"), 400, "invalid_request_error"),
                rejected(messages("no max_tokens", "USER"), 400, "invalid_request_error"),
                rejected(messages("negative max_tokens", "\"max_tokens\":-1,USER"), 400, "invalid_request_error"),
                rejected(messages("max_tokens above the model's", "\"max_tokens\":1000000,USER"), 400, "invalid_request_error"),
                rejected(messages("no messages", "\"max_tokens\":10"), 400, "invalid_request_error"),
                rejected(messages("an unknown field", "\"max_tokens\":10,\"colour\":\"red\",USER"), 400, "invalid_request_error"),
                rejected(messages("metadata.user_id a number", "\"max_tokens\":10,\"metadata\":{\"user_id\":42},USER"), 400, "invalid_request_error"),
                rejected(messages("service_tier priority", "\"max_tokens\":10,\"service_tier\":\"priority\",USER"), 400, "invalid_request_error"),
                rejected(messages("speed turbo", "\"max_tokens\":10,\"speed\":\"turbo\",USER"), 400, "invalid_request_error"),
                rejected(messages("effort extreme", "\"max_tokens\":10,\"output_config\":{\"effort\":\"extreme\"},USER"), 400, "invalid_request_error"),
                rejected(messages("thinking type unknown", "\"max_tokens\":3000,\"thinking\":{\"type\":\"deep\"},USER"), 400, "invalid_request_error"),
                rejected(messages("thinking budget under 1,024", "\"max_tokens\":3000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1000},USER"), 400, "invalid_request_error"),
                rejected(messages("thinking budget not below max_tokens", "\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},USER"), 400, "invalid_request_error"),
                rejected(messages("thinking with forced tool use", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},\"tools\":[TOOL],\"tool_choice\":{\"type\":\"any\"},USER"), 400, "invalid_request_error"),
                rejected(messages("thinking, a tool loop without its thinking block", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},\"tools\":[TOOL],\"messages\":[" + TOOL_LOOP.replace("THINKING", "") + "]"), 400, "invalid_request_error"),
                rejected(messages("thinking block edited", "\"max_tokens\":3000,\"thinking\":{\"type\":\"adaptive\"},\"tools\":[TOOL],\"messages\":[" + TOOL_LOOP.replace("THINKING", "{\"type\":\"thinking\",\"thinking\":\"Edited.\",\"signature\":\"" + Thinking.sign("Record it.") + "\"},") + "]"), 400, "invalid_request_error"),
                rejected(messages("temperature above 1 (2023-06-01)", Map.of("anthropic-version", "2023-06-01"), "\"max_tokens\":10,\"temperature\":1.5,USER"), 400, "invalid_request_error"),
                rejected(messages("temperature under 2026-10-21", "\"max_tokens\":10,\"temperature\":0.5,USER"), 400, "invalid_request_error"),
                rejected(messages("a tool name with a space", "\"max_tokens\":10,\"tools\":[" + TOOL.replace("record_invoice", "record invoice") + "],USER"), 400, "invalid_request_error"),
                rejected(messages("a tool name of 65 characters", "\"max_tokens\":10,\"tools\":[" + TOOL.replace("record_invoice", "r".repeat(65)) + "],USER"), 400, "invalid_request_error"),
                rejected(messages("two tools of one name", "\"max_tokens\":10,\"tools\":[TOOL,TOOL],USER"), 400, "invalid_request_error"),
                rejected(messages("tool_choice naming no tool", "\"max_tokens\":10,\"tools\":[TOOL],\"tool_choice\":{\"type\":\"tool\",\"name\":\"nope\"},USER"), 400, "invalid_request_error"),
                rejected(messages("five breakpoints", "\"max_tokens\":10,\"system\":[" + "{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}},".repeat(4) + "{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}}],USER"), 400, "invalid_request_error"),
                rejected(messages("a 1h breakpoint after a 5m one", "\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"b\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],USER"), 400, "invalid_request_error"),
                rejected(messages("an unknown content block", "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]"), 400, "invalid_request_error"),
                rejected(messages("a document in an assistant turn (2026-10-21)", "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"d\"}}]}]"), 400, "invalid_request_error"),
                rejected(new Exchange("count_tokens with max_tokens", Map.of(), "/v1/messages/count_tokens", body("\"max_tokens\":10,USER")), 400, "invalid_request_error"));
    }

    private static Arguments rejected(Exchange exchange, int status, String errorType) {
        return Arguments.of(exchange, status, errorType);
    }

    private static Map<String, String> mapOf(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("rejected")
    void everyRejectionIsTheApisStatusAndErrorTypeInTheSdkEnvelope(Exchange exchange, int status, String errorType)
            throws Exception {
        SimulatedResponse response = send(exchange);
        JsonNode error = JSON.readTree(response.body());

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(SDK.violations(error, "ErrorResponse")).isEmpty();
        assertThat(error.path("error").path("type").asText()).isEqualTo(errorType);
        assertThat(error.path("error").path("message").asText()).isNotBlank();
        assertThat(error.path("request_id").asText()).isEqualTo(response.headers().get("request-id"));
        assertRequestHeaders(response);
    }

    /** What a strict schema promises: the answer fits it, references and string formats included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strictSchemas")
    void structuredAnswersFitStrictSchemasWithReferencesAndFormats(String name, String schema) throws Exception {
        String text = "Ticket from ana@example.org at 2026-11-20: the export fails.";
        String format = "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}}";
        String tool = "\"tools\":[{\"name\":\"record\",\"strict\":true,\"input_schema\":" + schema
                + "}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"record\"}";
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        com.networknt.schema.Schema compiled = registry.getSchema(SchemaLocation.of("urn:conformance:" + name.hashCode()),
                JSON.readTree(schema));
        for (String fields : List.of(format, tool)) {
            String body = body("\"max_tokens\":2000," + fields + ",\"messages\":[{\"role\":\"user\",\"content\":"
                    + JSON.writeValueAsString(text) + "}]");
            JsonNode message = JSON.readTree(send(new Exchange(name, Map.of(), "/v1/messages", body)).body());
            JsonNode block = message.path("content").get(0);
            JsonNode value = block.has("input") ? block.get("input") : JSON.readTree(block.path("text").asText());

            assertThat(SDK.violations(message, "Message")).isEmpty();
            assertThat(compiled.validate(value)).as(fields + " → " + value).isEmpty();
        }
    }

    static Stream<Arguments> strictSchemas() {
        return Stream.of(
                Arguments.of("$defs", """
                        {"type":"object","properties":{"customer":{"$ref":"#/$defs/customer"}},"required":["customer"],
                         "additionalProperties":false,"$defs":{"customer":{"type":"object","properties":{
                         "email":{"type":"string","format":"email"}},"required":["email"],"additionalProperties":false}}}"""),
                Arguments.of("definitions in array items", """
                        {"type":"object","properties":{"events":{"type":"array","items":{"$ref":"#/definitions/event"}}},
                         "required":["events"],"additionalProperties":false,"definitions":{"event":{"type":"object",
                         "properties":{"at":{"type":"string","format":"date-time"}},"required":["at"],
                         "additionalProperties":false}}}"""),
                Arguments.of("recursion to the root", """
                        {"type":"object","properties":{"id":{"type":"string","format":"uuid"},
                         "children":{"type":"array","items":{"$ref":"#"}}},"required":["id","children"],
                         "additionalProperties":false}"""),
                Arguments.of("formats", """
                        {"type":"object","properties":{"email":{"type":"string","format":"email"},
                         "at":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"},
                         "day":{"type":"string","format":"date"}},"required":["email","at","id","day"],
                         "additionalProperties":false}"""));
    }

    @Test
    void countTokensAnswersFitMessageTokensCount() throws Exception {
        for (String fields : COUNT_TOKENS_FIELDS) {
            SimulatedResponse response = send(new Exchange(fields, Map.of(), "/v1/messages/count_tokens", body(fields)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(SDK.violations(JSON.readTree(response.body()), "MessageTokensCount")).isEmpty();
            assertRequestHeaders(response);
        }
    }

    @Test
    void aRefusalCarriesItsStopDetails() throws Exception {
        SimulatedResponse response = api.handle("POST", "/v1/messages",
                Map.of("x-api-key", "k", "anthropic-version", "2026-10-21")::get,
                body("\"max_tokens\":100,USER").getBytes(StandardCharsets.UTF_8), Fault.stop("refusal"));
        JsonNode message = JSON.readTree(response.body());

        assertThat(SDK.violations(message, "Message")).isEmpty();
        assertThat(message.path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(message.path("stop_details").path("type").asText()).isEqualTo("refusal");
    }

    @Test
    void aRequestTooLargeIsA413AsTheDocsSayThoughTheSdkUnionLacksItsType() throws Exception {
        byte[] huge = new byte[SimulatedApi.MAX_BODY_BYTES + 1];
        SimulatedResponse response = api.handle("POST", "/v1/messages",
                Map.of("x-api-key", "k", "anthropic-version", "2026-10-21")::get, huge);
        JsonNode error = JSON.readTree(response.body());

        assertThat(response.status()).isEqualTo(413);
        assertThat(error.path("error").path("type").asText()).isEqualTo("request_too_large");
        // The one departure from the SDK table, listed in docs/SIMULATOR.md's known differences.
        assertThat(SDK.violations(error, "ErrorResponse")).singleElement().asString().startsWith("$.error");
    }

    /** The rows cover the request shapes the issue names, and more than the 60 it asks for. */
    @Test
    void theSuiteSendsAtLeastSixtyRequests() {
        // Each strict schema is sent twice: as output_config.format and as a strict tool.
        long sent = accepted().count() + rejected().count() + 2 * strictSchemas().count() + COUNT_TOKENS_FIELDS.size()
                + enumValueFields().size() + SINGLE_REQUEST_TESTS;
        assertThat(sent).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theTableNamesTheSdkVersionItWasTakenFrom() {
        assertThat(SDK.source()).isEqualTo("@anthropic-ai/sdk 1.10.0");
    }

    @Test
    void theSimulatorKnowsExactlyTheSdksBetas() {
        assertThat(new TreeSet<>(Betas.KNOWN)).isEqualTo(new TreeSet<>(SDK.literals("AnthropicBeta")));
    }

    @Test
    void theSimulatorKnowsEveryToolTypeOfTheSdkWithItsName() {
        Map<String, String> fromSdk = new HashMap<>();
        for (String member : SDK.members("ToolUnion")) {
            if (member.equals("Tool")) {
                continue;
            }
            String name = SDK.fieldNames(member).contains("name") ? unquote(SDK.fieldTypes(member, "name").get(0)) : "";
            SDK.fieldTypes(member, "type").forEach(type -> fromSdk.put(unquote(type), name));
        }
        assertThat(ToolRules.BUILT_IN).isEqualTo(fromSdk);
    }

    @Test
    void theSimulatorAcceptsEveryBodyFieldOfTheSdkAndEveryValueItsEnumsAllow() {
        Set<String> sdkFields = new TreeSet<>(SDK.fieldNames("MessageCreateParamsBase"));
        // Header parameters in the SDK, not body fields.
        sdkFields.removeAll(Set.of("user_profile_id", "workspace_id"));
        assertThat(RequestRules.MESSAGE_FIELDS).containsAll(sdkFields);

        List<String> fieldsAndValues = enumValueFields();
        assertThat(fieldsAndValues).hasSizeGreaterThanOrEqualTo(10);
        for (String field : fieldsAndValues) {
            SimulatedResponse response = send(messages(field, "\"max_tokens\":10," + field + ",USER"));
            assertThat(response.status()).as(field + " → " + response.body()).isEqualTo(200);
        }
    }

    /** One body field per value the SDK's enums allow for service_tier, speed and effort. */
    private static List<String> enumValueFields() {
        List<String> fields = new ArrayList<>();
        SDK.fieldTypes("MessageCreateParamsBase", "service_tier").forEach(v -> fields.add("\"service_tier\":" + json(v)));
        SDK.fieldTypes("MessageCreateParamsBase", "speed").forEach(v -> fields.add("\"speed\":" + json(v)));
        SDK.fieldTypes("OutputConfig", "effort").forEach(v -> fields.add("\"output_config\":{\"effort\":" + json(v) + "}"));
        return fields;
    }

    private static String json(String sdkLiteral) {
        return sdkLiteral.startsWith("'") ? "\"" + unquote(sdkLiteral) + "\"" : sdkLiteral;
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    private static void assertRequestHeaders(SimulatedResponse response) {
        assertThat(response.headers().get("request-id")).startsWith("req_");
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
    }
}
