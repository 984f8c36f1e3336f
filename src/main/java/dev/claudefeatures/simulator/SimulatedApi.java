package dev.claudefeatures.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

/**
 * The simulated Messages API, free of any HTTP server: a request's method, path, headers and
 * body in, a {@link SimulatedResponse} out.
 */
final class SimulatedApi {

    /** The API's limit for a Messages request body. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final ModelCatalog catalog;
    private final PromptCache cache;
    private final ObjectMapper json;
    private final AtomicLong sequence = new AtomicLong();

    SimulatedApi(ModelCatalog catalog, PromptCache cache, ObjectMapper json) {
        this.catalog = catalog;
        this.cache = cache;
        this.json = json;
    }

    /**
     * @param header a header's value by lower-case name, or null
     */
    SimulatedResponse handle(String method, String path, UnaryOperator<String> header, byte[] body) {
        String requestId = "req_sim_" + String.format("%016x", sequence.incrementAndGet());
        try {
            if (!"POST".equals(method) || !(path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens"))) {
                throw new SimulatedError(404, "not_found_error", "Not Found");
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new SimulatedError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
            }
            authenticate(header);
            ApiVersion version = version(header.apply("anthropic-version"));
            JsonNode request = parse(body);
            String modelId = RequestRules.modelId(request);
            ModelSpec model = catalog.models().get(modelId);
            if (model == null) {
                throw new SimulatedError(404, "not_found_error", "model: " + modelId);
            }
            ObjectNode answer = path.endsWith("/count_tokens")
                    ? countTokens(request, version, model)
                    : message(request, version, model, modelId);
            return respond(200, requestId, answer);
        } catch (SimulatedError error) {
            return error(error.status(), error.type(), error.getMessage(), requestId, Map.of());
        }
    }

    SimulatedResponse error(int status, String type, String message, String requestId, Map<String, String> headers) {
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", requestId);
        SimulatedResponse response = respond(status, requestId, body);
        Map<String, String> all = new HashMap<>(response.headers());
        all.putAll(headers);
        return new SimulatedResponse(status, Map.copyOf(all), response.body());
    }

    String nextRequestId() {
        return "req_sim_" + String.format("%016x", sequence.incrementAndGet());
    }

    private static void authenticate(UnaryOperator<String> header) {
        String apiKey = header.apply("x-api-key");
        String authorization = header.apply("authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
        if ((apiKey == null || apiKey.isBlank()) && !bearer) {
            throw new SimulatedError(401, "authentication_error", "x-api-key header is required");
        }
    }

    private static ApiVersion version(String value) {
        if (value == null) {
            throw SimulatedError.invalid("anthropic-version: header is required");
        }
        try {
            return ApiVersion.fromWire(value.trim());
        } catch (IllegalArgumentException unknown) {
            throw SimulatedError.invalid("anthropic-version: invalid version '" + value + "'");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw SimulatedError.invalid("The request body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SimulatedError.invalid("The request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw SimulatedError.invalid("The request body could not be read");
        }
    }

    private ObjectNode countTokens(JsonNode request, ApiVersion version, ModelSpec model) {
        RequestRules.checkCountTokens(request, version, model);
        return json.createObjectNode().put("input_tokens", CacheBreakpoints.of(request).totalTokens());
    }

    private ObjectNode message(JsonNode request, ApiVersion version, ModelSpec model, String modelId) {
        RequestRules.checkMessages(request, version, model);
        PromptCache.Split input = cache.apply(modelId, CacheBreakpoints.of(request), model.minCacheableTokens(), true);
        Generation generation = Generation.of(ReplyComposer.reply(request), request.get("max_tokens").asInt(),
                request.path("stop_sequences"));

        ObjectNode message = json.createObjectNode()
                .put("id", "msg_sim_" + String.format("%016x", sequence.incrementAndGet()))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", modelId);
        ArrayNode content = message.putArray("content");
        if (!generation.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", generation.text());
        }
        message.put("stop_reason", generation.stopReason());
        message.put("stop_sequence", generation.stopSequence());
        ObjectNode usage = message.putObject("usage")
                .put("input_tokens", input.uncached())
                .put("cache_creation_input_tokens", input.written5m() + input.written1h())
                .put("cache_read_input_tokens", input.read());
        usage.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", input.written5m())
                .put("ephemeral_1h_input_tokens", input.written1h());
        usage.put("output_tokens", generation.outputTokens());
        usage.putObject("output_tokens_details").put("thinking_tokens", 0);
        usage.putObject("server_tool_use").put("web_search_requests", 0).put("web_fetch_requests", 0);
        usage.put("service_tier", "standard");
        usage.put("inference_geo", "global");
        return message;
    }

    private SimulatedResponse respond(int status, String requestId, ObjectNode body) {
        return new SimulatedResponse(status, Map.of("request-id", requestId, "content-type", "application/json"),
                body.toString());
    }

    /** The generated text after {@code max_tokens} and stop sequences have had their say. */
    record Generation(String text, String stopReason, String stopSequence, int outputTokens) {

        static Generation of(String reply, int maxTokens, JsonNode stopSequences) {
            int earliest = -1;
            String matched = null;
            for (JsonNode sequence : stopSequences) {
                int at = reply.indexOf(sequence.asText());
                if (!sequence.asText().isEmpty() && at >= 0 && (earliest < 0 || at < earliest)) {
                    earliest = at;
                    matched = sequence.asText();
                }
            }
            String text = matched == null ? reply : reply.substring(0, earliest);
            if (CacheBreakpoints.estimateTokens(text) > maxTokens) {
                String cut = text.substring(0, Math.min(text.length(), maxTokens * 4));
                return new Generation(cut, "max_tokens", null, CacheBreakpoints.estimateTokens(cut));
            }
            return new Generation(text, matched == null ? "end_turn" : "stop_sequence", matched,
                    CacheBreakpoints.estimateTokens(text));
        }
    }
}
