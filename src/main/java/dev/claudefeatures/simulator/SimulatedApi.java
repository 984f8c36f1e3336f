package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final MessageBatches batches;
    private final ModelCatalog catalog;
    private final PromptCache cache;
    private final ObjectMapper json;
    private final AtomicLong sequence = new AtomicLong();
    private final RateLimits rateLimits = new RateLimits(java.time.Instant::now);
    /** The prefixes of the last messages answered, by id, for {@code diagnostics.previous_message_id}. */
    private final Map<String, Prefix> recentPrefixes = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Prefix> eldest) {
                    return size() > 1_000;
                }
            });

    SimulatedApi(ModelCatalog catalog, PromptCache cache, ObjectMapper json) {
        this(catalog, cache, json, Duration.ZERO);
    }

    /** @param batchProcessing how long a message batch stays {@code in_progress} */
    SimulatedApi(ModelCatalog catalog, PromptCache cache, ObjectMapper json, Duration batchProcessing) {
        this.catalog = catalog;
        this.cache = cache;
        this.json = json;
        this.batches = new MessageBatches(json, java.time.Instant::now, batchProcessing);
    }

    /**
     * @param header a header's value by lower-case name, or null
     */
    SimulatedResponse handle(String method, String path, UnaryOperator<String> header, byte[] body) {
        return handle(method, path, header, body, null);
    }

    /** @param shaping a fault that shapes the answer (see {@link Fault#answer}, {@link Fault#stop}), or null */
    SimulatedResponse handle(String method, String path, UnaryOperator<String> header, byte[] body, Fault shaping) {
        String requestId = nextRequestId();
        try {
            if (MessageBatches.handles(path)) {
                return batch(method, path, header, body, requestId);
            }
            if (!"POST".equals(method) || !(path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens"))) {
                throw new SimulatedError(404, "not_found_error", "Not Found");
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new SimulatedError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
            }
            authenticate(header);
            ApiVersion version = version(header.apply("anthropic-version"));
            Betas.check(header.apply("anthropic-beta"));
            JsonNode request = parse(body);
            String modelId = RequestRules.modelId(request);
            ModelSpec model = catalog.models().get(modelId);
            if (model == null) {
                throw new SimulatedError(404, "not_found_error", "model: " + modelId);
            }
            if (path.endsWith("/count_tokens")) {
                return respond(200, requestId, countTokens(request, version, model), Map.of());
            }
            ObjectNode answer = message(request, version, model, modelId, shaping);
            JsonNode usage = answer.path("usage");
            // Cache reads do not count towards the input-token limit; uncached input and writes do.
            Map<String, String> limits = rateLimits.count(
                    usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong(),
                    usage.path("output_tokens").asLong());
            if (request.path("stream").asBoolean(false)) {
                Map<String, String> headers = new HashMap<>(limits);
                headers.put("request-id", requestId);
                headers.put("content-type", "text/event-stream; charset=utf-8");
                headers.put("cache-control", "no-cache");
                return SimulatedResponse.streamed(Map.copyOf(headers),
                        StreamFrames.of(answer, shaping == null ? null : shaping.streamBreak()));
            }
            return respond(200, requestId, answer, limits);
        } catch (SimulatedError error) {
            return error(error.status(), error.type(), error.getMessage(), requestId, Map.of());
        }
    }

    /** The Message Batches API: each request of a batch answered as {@code POST /v1/messages} would. */
    private SimulatedResponse batch(String method, String path, UnaryOperator<String> header, byte[] body,
            String requestId) {
        if (body.length > MAX_BODY_BYTES) {
            throw new SimulatedError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
        }
        authenticate(header);
        version(header.apply("anthropic-version"));
        Betas.check(header.apply("anthropic-beta"));
        JsonNode request = "POST".equals(method) && path.equals(MessageBatches.PATH) ? parse(body) : json.nullNode();
        String host = header.apply("host");
        MessageBatches.BatchAnswer answer = batches.handle(method, path, request,
                params -> handle("POST", "/v1/messages", header, params, null),
                "http://" + (host == null ? "localhost" : host));
        if (!answer.jsonLines()) {
            return respond(answer.status(), requestId, (ObjectNode) parse(answer.body().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)), Map.of());
        }
        return new SimulatedResponse(answer.status(), Map.of("request-id", requestId, "content-type",
                "application/x-jsonl"), answer.body());
    }

    SimulatedResponse error(int status, String type, String message, String requestId, Map<String, String> headers) {
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", requestId);
        return respond(status, requestId, body, headers);
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

    private ObjectNode message(JsonNode request, ApiVersion version, ModelSpec model, String modelId,
            Fault shaping) {
        RequestRules.checkMessages(request, version, model);
        PromptCache.Split input = cache.apply(modelId, CacheBreakpoints.of(request), model.minCacheableTokens(), true);
        Answer answer = Answer.of(request, shaping);

        ObjectNode message = json.createObjectNode()
                .put("id", "msg_sim_" + String.format("%016x", sequence.incrementAndGet()))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", modelId);
        message.set("content", answer.content());
        message.put("stop_reason", answer.stopReason());
        message.put("stop_sequence", answer.stopSequence());
        if ("refusal".equals(answer.stopReason())) {
            message.putObject("stop_details").put("type", "refusal").putNull("category").putNull("explanation");
        } else {
            message.putNull("stop_details");
        }
        // No container tool runs here; code execution needs the real API.
        message.putNull("container");
        Prefix prefix = Prefix.of(request, modelId, input.read() + input.written5m() + input.written1h());
        JsonNode previousId = request.path("diagnostics").path("previous_message_id");
        JsonNode missReason = previousId.isTextual()
                ? missReason(recentPrefixes.get(previousId.asText()), prefix, input.read() > 0)
                : json.nullNode();
        // null unless the request named a previous message and its prefix was not reused.
        if (missReason.isNull()) {
            message.putNull("diagnostics");
        } else {
            message.putObject("diagnostics").set("cache_miss_reason", missReason);
        }
        recentPrefixes.put(message.path("id").asText(), prefix);
        ObjectNode usage = message.putObject("usage")
                .put("input_tokens", input.uncached())
                .put("cache_creation_input_tokens", input.written5m() + input.written1h())
                .put("cache_read_input_tokens", input.read());
        usage.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", input.written5m())
                .put("ephemeral_1h_input_tokens", input.written1h());
        usage.put("output_tokens", answer.outputTokens());
        usage.putObject("output_tokens_details").put("thinking_tokens", answer.thinkingTokens());
        usage.putObject("server_tool_use").put("web_search_requests", 0).put("web_fetch_requests", 0);
        usage.put("service_tier", "standard");
        usage.put("inference_geo", "global");
        usage.put("speed", request.hasNonNull("speed") ? request.get("speed").asText() : "standard");
        return message;
    }

    /** What a message's cache prefix was made of, to say later why a request did not reuse it. */
    record Prefix(String model, String tools, String system, String messages, int cacheableTokens) {
        static Prefix of(JsonNode request, String model, int cacheableTokens) {
            return new Prefix(model, request.path("tools").toString(), withoutCacheControl(request.path("system")),
                    withoutCacheControl(request.path("messages")), cacheableTokens);
        }

        private static String withoutCacheControl(JsonNode node) {
            JsonNode copy = node.deepCopy();
            copy.findParents("cache_control").forEach(parent -> ((ObjectNode) parent).remove("cache_control"));
            return copy.toString();
        }
    }

    /**
     * Why this request missed the cache prefix of {@code previous}, as the API says it: null on a
     * hit; else the first part of the prefix that changed, in prefix order, with the tokens the
     * previous message had cached.
     */
    private JsonNode missReason(Prefix previous, Prefix current, boolean hit) {
        if (previous == null) {
            return json.createObjectNode().put("type", "previous_message_not_found");
        }
        if (hit) {
            return json.nullNode();
        }
        String type = !previous.model().equals(current.model()) ? "model_changed"
                : !previous.tools().equals(current.tools()) ? "tools_changed"
                : !previous.system().equals(current.system()) ? "system_changed"
                : "messages_changed";
        return json.createObjectNode().put("type", type).put("cache_missed_input_tokens", previous.cacheableTokens());
    }

    /** @param more headers besides {@code request-id} and {@code content-type} */
    private SimulatedResponse respond(int status, String requestId, ObjectNode body, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(more);
        headers.put("request-id", requestId);
        headers.put("content-type", "application/json");
        return new SimulatedResponse(status, Map.copyOf(headers), body.toString());
    }
}
