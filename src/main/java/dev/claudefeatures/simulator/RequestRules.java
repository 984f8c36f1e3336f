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

    static final Set<String> MESSAGE_FIELDS = Set.of("model", "max_tokens", "messages", "system",
            "cache_control", "tools", "tool_choice", "output_config", "output_format", "metadata", "stop_sequences",
            "stream", "temperature", "top_p", "top_k", "thinking", "service_tier", "speed", "inference_geo",
            "diagnostics", "container", "mcp_servers", "context_management");
    static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "output_format", "mcp_servers", "context_management", "cache_control");
    private static final Set<String> BLOCK_TYPES = Set.of("text", "image", "document", "tool_use", "tool_result",
            "thinking", "redacted_thinking", "search_result");
    private static final Set<String> SAMPLING = Set.of("temperature", "top_p", "top_k");
    private static final Set<String> SERVICE_TIERS = Set.of("auto", "standard_only");
    private static final Set<String> SPEEDS = Set.of("standard", "fast");
    private static final Set<String> EFFORTS = Set.of("low", "medium", "high", "xhigh", "max");

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
        checkOptions(body);
        checkCommon(body, version, model);
        Thinking.check(body, version, maxTokens.asInt());
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean()) {
            throw SimulatedError.invalid("stream: Input should be a valid boolean");
        }
    }

    /** Checks a {@code /v1/messages/count_tokens} body. */
    static void checkCountTokens(JsonNode body, ApiVersion version, ModelSpec model) {
        checkFields(body, COUNT_FIELDS);
        checkCommon(body, version, model);
        Thinking.check(body, version, -1);
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
        checkFields(body, known, "");
    }

    private static void checkFields(JsonNode object, Set<String> known, String path) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw SimulatedError.invalid(path + name + ": Extra inputs are not permitted");
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
        checkRange(body, "temperature", 0, 1);
        checkRange(body, "top_p", 0, 1);
        JsonNode topK = body.get("top_k");
        if (topK != null && (!topK.isIntegralNumber() || topK.asInt() < 0)) {
            throw SimulatedError.invalid("top_k: Input should be a non-negative integer");
        }
    }

    private static void checkRange(JsonNode body, String name, double min, double max) {
        JsonNode value = body.get(name);
        if (value == null) {
            return;
        }
        if (!value.isNumber()) {
            throw SimulatedError.invalid(name + ": Input should be a valid number");
        }
        if (value.asDouble() < min) {
            throw SimulatedError.invalid(name + ": Input should be greater than or equal to " + (int) min);
        }
        if (value.asDouble() > max) {
            throw SimulatedError.invalid(name + ": Input should be less than or equal to " + (int) max);
        }
    }

    /** The optional settings whose values the SDK types enumerate. */
    private static void checkOptions(JsonNode body) {
        JsonNode metadata = body.get("metadata");
        if (metadata != null) {
            if (!metadata.isObject()) {
                throw SimulatedError.invalid("metadata: Input should be an object");
            }
            checkFields(metadata, Set.of("user_id"), "metadata.");
            JsonNode userId = metadata.path("user_id");
            if (!userId.isMissingNode() && !userId.isNull() && !userId.isTextual()) {
                throw SimulatedError.invalid("metadata.user_id: Input should be a valid string");
            }
        }
        checkOneOf(body.get("service_tier"), SERVICE_TIERS, "service_tier", false);
        checkOneOf(body.get("speed"), SPEEDS, "speed", true);
    }

    private static void checkOneOf(JsonNode value, Set<String> allowed, String path, boolean nullable) {
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw SimulatedError.invalid(path + ": Input should be " + allowed.stream().sorted()
                    .map(v -> "'" + v + "'").collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private static void checkCommon(JsonNode body, ApiVersion version, ModelSpec model) {
        checkSystem(body.get("system"));
        checkMessageList(body.get("messages"), version);
        ToolRules.checkTools(body.get("tools"));
        ToolRules.checkToolChoice(body.get("tool_choice"), model);
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

    /**
     * Roles {@code user}, {@code assistant} and {@code system} (instructions within the
     * conversation); consecutive turns of one role are allowed, the API combines them.
     */
    private static void checkMessageList(JsonNode messages, ApiVersion version) {
        if (messages == null) {
            throw SimulatedError.invalid("messages: Field required");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw SimulatedError.invalid("messages: at least one message is required");
        }
        String firstTurn = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText(null);
            if (!"user".equals(role) && !"assistant".equals(role) && !"system".equals(role)) {
                throw SimulatedError.invalid("messages." + i + ".role: Input should be 'user', 'assistant' or 'system'");
            }
            if (firstTurn == null && !"system".equals(role)) {
                firstTurn = role;
                if (!"user".equals(role)) {
                    throw SimulatedError.invalid("messages: first message must use the \"user\" role");
                }
            }
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
            if ("system".equals(role) && !"text".equals(type)) {
                throw SimulatedError.invalid(at + ".type: Input should be 'text'");
            }
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

    private static void checkOutputConfig(JsonNode config, ModelSpec model) {
        if (config == null) {
            return;
        }
        checkFields(config, Set.of("format", "effort"), "output_config.");
        checkOneOf(config.get("effort"), EFFORTS, "output_config.effort", true);
        if (!config.hasNonNull("format")) {
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
}
