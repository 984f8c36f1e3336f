package dev.claudefeatures.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Message Batches API ({@code /v1/messages/batches}) as the API answers it: a batch is created
 * {@code in_progress} with every request counted as processing, and {@code ended} once its
 * processing time has passed, with a {@code results_url} whose JSON Lines hold one
 * {@code succeeded}, {@code errored}, {@code canceled} or {@code expired} entry per custom id, not
 * in request order. Each request is answered as {@code POST /v1/messages} would answer it, so the
 * same rules, tokens and errors apply. A custom id that starts with {@value #EXPIRE_PREFIX}
 * expires, so that clients can be tried against that outcome too.
 */
final class MessageBatches {

    static final String PATH = "/v1/messages/batches";
    static final String EXPIRE_PREFIX = "sim-expire";
    static final int MAX_REQUESTS = 100_000;
    private static final Pattern CUSTOM_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Pattern BATCH_PATH = Pattern.compile("^" + PATH + "(?:/([^/]+)(/results|/cancel)?)?$");
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** One result line: a custom id and its {@code result} object. */
    private record Entry(String customId, ObjectNode result) {
    }

    private static final class Batch {
        final String id;
        final Instant createdAt;
        final List<Entry> entries;
        Instant cancelInitiatedAt;

        Batch(String id, Instant createdAt, List<Entry> entries) {
            this.id = id;
            this.createdAt = createdAt;
            this.entries = entries;
        }
    }

    private final ObjectMapper json;
    private final Supplier<Instant> clock;
    private final Duration processing;
    private final SecureRandom random = new SecureRandom();
    /** Oldest first; the list is answered newest first. */
    private final Map<String, Batch> batches = new LinkedHashMap<>();

    /** @param processing how long a batch stays {@code in_progress} */
    MessageBatches(ObjectMapper json, Supplier<Instant> clock, Duration processing) {
        this.json = json;
        this.clock = clock;
        this.processing = processing;
    }

    static boolean handles(String path) {
        return BATCH_PATH.matcher(path).matches();
    }

    /**
     * @param message answers one request's {@code params} as {@code POST /v1/messages} would
     * @param baseUri where this API is reached, for {@code results_url}
     * @return the status and the body (JSON, or JSON Lines for results)
     */
    synchronized BatchAnswer handle(String method, String path, JsonNode body, Function<byte[], SimulatedResponse> message,
            String baseUri) {
        var matcher = BATCH_PATH.matcher(path);
        if (!matcher.matches()) {
            throw new SimulatedError(404, "not_found_error", "Not Found");
        }
        String id = matcher.group(1);
        String action = matcher.group(2);
        if (id == null) {
            return switch (method) {
                case "POST" -> json(create(body, message), baseUri);
                case "GET" -> list(baseUri);
                default -> throw new SimulatedError(405, "invalid_request_error", "Method not allowed");
            };
        }
        Batch batch = batches.get(id);
        if (batch == null) {
            throw new SimulatedError(404, "not_found_error", "message_batch: " + id);
        }
        if (action == null) {
            return switch (method) {
                case "GET" -> json(batch, baseUri);
                case "DELETE" -> delete(batch);
                default -> throw new SimulatedError(405, "invalid_request_error", "Method not allowed");
            };
        }
        if (action.equals("/cancel") && method.equals("POST")) {
            if (!ended(batch)) {
                batch.cancelInitiatedAt = clock.get();
            }
            return json(batch, baseUri);
        }
        if (action.equals("/results") && method.equals("GET")) {
            return results(batch);
        }
        throw new SimulatedError(405, "invalid_request_error", "Method not allowed");
    }

    /** A status and a body, JSON unless {@code jsonLines}. */
    record BatchAnswer(int status, String body, boolean jsonLines) {
    }

    private Batch create(JsonNode body, Function<byte[], SimulatedResponse> message) {
        JsonNode requests = body.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            throw new SimulatedError(400, "invalid_request_error", "requests: Field required, with at least one request");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw new SimulatedError(400, "invalid_request_error",
                    "requests: a batch holds at most " + MAX_REQUESTS + " requests");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            String customId = request.path("custom_id").asText(null);
            if (!request.path("custom_id").isTextual() || !CUSTOM_ID.matcher(customId).matches()) {
                throw new SimulatedError(400, "invalid_request_error", "requests." + i
                        + ".custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
            }
            if (!seen.add(customId)) {
                throw new SimulatedError(400, "invalid_request_error", "requests." + i + ".custom_id: Duplicate custom_id "
                        + customId);
            }
            if (!request.path("params").isObject()) {
                throw new SimulatedError(400, "invalid_request_error", "requests." + i + ".params: Field required");
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode request : requests) {
            entries.add(new Entry(request.path("custom_id").asText(), result(request, message)));
        }
        Batch batch = new Batch(newId(), clock.get(), entries);
        batches.put(batch.id, batch);
        return batch;
    }

    private ObjectNode result(JsonNode request, Function<byte[], SimulatedResponse> message) {
        ObjectNode result = json.createObjectNode();
        if (request.path("custom_id").asText().startsWith(EXPIRE_PREFIX)) {
            return result.put("type", "expired");
        }
        if (request.path("params").path("stream").asBoolean(false)) {
            return errored(result, "invalid_request_error", "stream: Streaming is not supported in batches", null);
        }
        SimulatedResponse answer;
        try {
            answer = message.apply(json.writeValueAsBytes(request.path("params")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode body = readTree(answer.body());
        if (answer.status() == 200) {
            result.put("type", "succeeded").set("message", body);
            return result;
        }
        return errored(result, body.path("error").path("type").asText("api_error"),
                body.path("error").path("message").asText(""), body.path("request_id").asText(null));
    }

    private static ObjectNode errored(ObjectNode result, String type, String message, String requestId) {
        result.put("type", "errored");
        ObjectNode error = result.putObject("error").put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        error.put("request_id", requestId);
        return result;
    }

    private boolean ended(Batch batch) {
        return batch.cancelInitiatedAt != null || !clock.get().isBefore(batch.createdAt.plus(processing));
    }

    private Instant endedAt(Batch batch) {
        return batch.cancelInitiatedAt != null ? batch.cancelInitiatedAt : batch.createdAt.plus(processing);
    }

    private BatchAnswer json(Batch batch, String baseUri) {
        return new BatchAnswer(200, describe(batch, baseUri).toString(), false);
    }

    private ObjectNode describe(Batch batch, String baseUri) {
        boolean ended = ended(batch);
        ObjectNode node = json.createObjectNode().put("id", batch.id).put("type", "message_batch")
                .put("processing_status", ended ? "ended" : "in_progress");
        ObjectNode counts = node.putObject("request_counts");
        int processing = ended ? 0 : batch.entries.size();
        Map<String, Integer> byType = new LinkedHashMap<>(Map.of("succeeded", 0, "errored", 0, "canceled", 0,
                "expired", 0));
        if (ended) {
            batch.entries.forEach(entry -> byType.merge(type(batch, entry), 1, Integer::sum));
        }
        counts.put("processing", processing).put("succeeded", byType.get("succeeded"))
                .put("errored", byType.get("errored")).put("canceled", byType.get("canceled"))
                .put("expired", byType.get("expired"));
        node.put("ended_at", ended ? endedAt(batch).toString() : null);
        node.put("created_at", batch.createdAt.toString());
        node.put("expires_at", batch.createdAt.plus(Duration.ofHours(24)).toString());
        node.putNull("archived_at");
        node.put("cancel_initiated_at", batch.cancelInitiatedAt == null ? null : batch.cancelInitiatedAt.toString());
        node.put("results_url", ended ? baseUri + PATH + "/" + batch.id + "/results" : null);
        return node;
    }

    /** A canceled batch's requests are canceled; the rest keep the type they were answered with. */
    private static String type(Batch batch, Entry entry) {
        return batch.cancelInitiatedAt != null ? "canceled" : entry.result().path("type").asText();
    }

    private BatchAnswer list(String baseUri) {
        ObjectNode page = json.createObjectNode();
        ArrayNode data = page.putArray("data");
        List<Batch> newestFirst = new ArrayList<>(batches.values());
        java.util.Collections.reverse(newestFirst);
        newestFirst.forEach(batch -> data.add(describe(batch, baseUri)));
        page.put("has_more", false);
        page.put("first_id", newestFirst.isEmpty() ? null : newestFirst.get(0).id);
        page.put("last_id", newestFirst.isEmpty() ? null : newestFirst.get(newestFirst.size() - 1).id);
        return new BatchAnswer(200, page.toString(), false);
    }

    private BatchAnswer delete(Batch batch) {
        if (!ended(batch)) {
            throw new SimulatedError(400, "invalid_request_error", "Batch " + batch.id
                    + " cannot be deleted while it is processing; cancel it first");
        }
        batches.remove(batch.id);
        return new BatchAnswer(200, json.createObjectNode().put("id", batch.id).put("type", "message_batch_deleted")
                .toString(), false);
    }

    /** One line per request, the last request first: the API does not keep request order either. */
    private BatchAnswer results(Batch batch) {
        if (!ended(batch)) {
            throw new SimulatedError(400, "invalid_request_error", "Batch " + batch.id
                    + " is still processing; its results are available once it has ended");
        }
        StringBuilder lines = new StringBuilder();
        for (int i = batch.entries.size() - 1; i >= 0; i--) {
            Entry entry = batch.entries.get(i);
            ObjectNode line = json.createObjectNode().put("custom_id", entry.customId());
            line.set("result", batch.cancelInitiatedAt != null
                    ? json.createObjectNode().put("type", "canceled") : entry.result());
            lines.append(line).append('\n');
        }
        return new BatchAnswer(200, lines.toString(), true);
    }

    private String newId() {
        StringBuilder id = new StringBuilder("msgbatch_");
        for (int i = 0; i < 24; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
