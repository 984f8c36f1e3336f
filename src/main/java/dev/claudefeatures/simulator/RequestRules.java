package dev.claudefeatures.simulator;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

/**
 * The checks the API makes of a request body before it generates anything, with the API's own
 * kind of message ({@code <field path>: <what is wrong>}).
 */
final class RequestRules {

    static final int MAX_BREAKPOINTS = 4;

    private static final Set<String> MESSAGE_FIELDS = Set.of("model", "max_tokens", "messages", "system",
            "cache_control", "tools", "tool_choice", "output_config", "output_format", "metadata", "stop_sequences",
            "stream", "temperature", "top_p", "top_k", "thinking", "service_tier", "inference_geo", "diagnostics",
            "container", "mcp_servers", "context_management");
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "output_format", "mcp_servers", "context_management", "cache_control");
    private static final Set<String> BLOCK_TYPES = Set.of("text", "image", "document", "tool_use", "tool_result",
            "thinking", "redacted_thinking", "search_result");
    private static final Set<String> SAMPLING = Set.of("temperature", "top_p", "top_k");

    private RequestRules() {
    }

    /** Checks a {@code /v1/messages} body; {@code model} is the catalog entry of its model. */
    static void checkMessages(JsonNode body, ApiVersion version, ModelSpec model) {
        checkFields(body, MESSAGE_FIELDS);
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null) {
            throw SimulatedError.invalid("max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 0) {
            throw SimulatedError.invalid("max_tokens: Input should be a non-negative integer");
        }
        if (maxTokens.asInt() > model.maxOutputTokens()) {
            throw SimulatedError.invalid("max_tokens: " + maxTokens.asInt() + " > " + model.maxOutputTokens()
                    + ", which is the maximum allowed number of output tokens for " + body.path("model").asText());
        }
        checkSampling(body, version, model);
        checkCommon(body, version, model);
        JsonNode stream = body.get("stream");
        if (stream != null && stream.asBoolean()) {
            throw SimulatedError.invalid("stream: the offline simulator does not stream yet");
        }
    }

    /** Checks a {@code /v1/messages/count_tokens} body. */
    static void checkCountTokens(JsonNode body, ApiVersion version, ModelSpec model) {
        checkFields(body, COUNT_FIELDS);
        checkCommon(body, version, model);
    }

    /** The model field alone, checked before the model is looked up. */
    static String modelId(JsonNode body) {
        if (!body.isObject()) {
            throw SimulatedError.invalid("body: Input should be an object");
        }
        JsonNode model = body.get("model");
        if (model == null) {
            throw SimulatedError.invalid("model: Field required");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw SimulatedError.invalid("model: Input should be a non-empty string");
        }
        return model.asText();
    }

    private static void checkFields(JsonNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw SimulatedError.invalid(name + ": Extra inputs are not permitted");
            }
        }
    }

    private static void checkSampling(JsonNode body, ApiVersion version, ModelSpec model) {
        for (String name : SAMPLING) {
            if (body.has(name) && !version.acceptsSamplingParameters()) {
                throw SimulatedError.invalid(name + ": is not supported in API version " + version.wireName()
                        + "; remove it");
            }
        }
        if (body.has("temperature") && !model.capabilities().temperature()) {
            throw SimulatedError.invalid("temperature: is not supported for this model");
        }
        if (body.has("temperature") && body.has("top_p")) {
            throw SimulatedError.invalid("temperature and top_p cannot both be specified for this model");
        }
    }

    private static void checkCommon(JsonNode body, ApiVersion version, ModelSpec model) {
        checkSystem(body.get("system"));
        checkMessageList(body.get("messages"), version);
        checkTools(body.get("tools"));
        checkToolChoice(body.get("tool_choice"), model);
        checkOutputConfig(body.get("output_config"), model);
        CacheBreakpoints.of(body);
    }

    private static void checkSystem(JsonNode system) {
        if (system == null || system.isTextual()) {
            return;
        }
        if (!system.isArray()) {
            throw SimulatedError.invalid("system: Input should be a string or a list of text blocks");
        }
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                throw SimulatedError.invalid("system." + i + ": Input should be a text block");
            }
        }
    }

    private static void checkMessageList(JsonNode messages, ApiVersion version) {
        if (messages == null) {
            throw SimulatedError.invalid("messages: Field required");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw SimulatedError.invalid("messages: at least one message is required");
        }
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText(null);
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw SimulatedError.invalid("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
            if (i == 0 && !"user".equals(role)) {
                throw SimulatedError.invalid("messages: first message must use the \"user\" role");
            }
            if (role.equals(previousRole)) {
                throw SimulatedError.invalid("messages: roles must alternate between \"user\" and \"assistant\", "
                        + "but found multiple \"" + role + "\" roles in a row");
            }
            previousRole = role;
            checkContent(message.get("content"), "messages." + i + ".content", role, version);
        }
    }

    private static void checkContent(JsonNode content, String path, String role, ApiVersion version) {
        if (content == null) {
            throw SimulatedError.invalid(path + ": Field required");
        }
        if (content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw SimulatedError.invalid(path + ": Input should be a string or a list of content blocks");
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = block.path("type").asText();
            String at = path + "." + j;
            if (!BLOCK_TYPES.contains(type)) {
                throw SimulatedError.invalid(at + ".type: Input tag '" + type + "' found using 'type' does not match "
                        + "any of the expected tags");
            }
            if ("text".equals(type) && !block.path("text").isTextual()) {
                throw SimulatedError.invalid(at + ".text: Field required");
            }
            if ("tool_use".equals(type) && (!block.path("id").isTextual() || !block.path("name").isTextual())) {
                throw SimulatedError.invalid(at + ": tool_use blocks need an id and a name");
            }
            if ("tool_result".equals(type) && !block.path("tool_use_id").isTextual()) {
                throw SimulatedError.invalid(at + ".tool_use_id: Field required");
            }
            if (version == ApiVersion.V2026_10_21) {
                if ("document".equals(type) && "assistant".equals(role)) {
                    throw SimulatedError.invalid(at + ": document blocks are not allowed in assistant messages");
                }
                if ("text".equals(type) && "user".equals(role) && block.path("citations").size() > 0) {
                    throw SimulatedError.invalid(at + ".citations: user text blocks cannot carry citations");
                }
            }
        }
    }

    private static void checkTools(JsonNode tools) {
        if (tools == null) {
            return;
        }
        if (!tools.isArray()) {
            throw SimulatedError.invalid("tools: Input should be a list");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.path("name").isTextual()) {
                throw SimulatedError.invalid("tools." + i + ".name: Field required");
            }
            if (!"object".equals(tool.path("input_schema").path("type").asText())) {
                throw SimulatedError.invalid("tools." + i + ".input_schema.type: Input should be 'object'");
            }
        }
    }

    private static void checkOutputConfig(JsonNode config, ModelSpec model) {
        if (config == null || !config.has("format")) {
            return;
        }
        JsonNode format = config.get("format");
        if (!"json_schema".equals(format.path("type").asText())) {
            throw SimulatedError.invalid("output_config.format.type: Input should be 'json_schema'");
        }
        if (!"object".equals(format.path("schema").path("type").asText())) {
            throw SimulatedError.invalid("output_config.format.schema.type: Input should be 'object'");
        }
        if (!model.capabilities().structuredOutputs()) {
            throw SimulatedError.invalid("output_config.format: structured outputs are not supported for this model");
        }
    }

    private static void checkToolChoice(JsonNode choice, ModelSpec model) {
        if (choice == null) {
            return;
        }
        String type = choice.path("type").asText();
        if (!Set.of("auto", "any", "tool", "none").contains(type)) {
            throw SimulatedError.invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        }
        if (("any".equals(type) || "tool".equals(type)) && !model.capabilities().forcedToolChoice()) {
            throw SimulatedError.invalid(
                    "tool_choice: type \"tool\" and \"any\" are not supported for this model.");
        }
        if ("tool".equals(type) && !choice.path("name").isTextual()) {
            throw SimulatedError.invalid("tool_choice.name: Field required");
        }
    }
}
