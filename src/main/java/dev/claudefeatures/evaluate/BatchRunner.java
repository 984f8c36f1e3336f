package dev.claudefeatures.evaluate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.MessageResponse;

/**
 * The Message Batches API, at half the list prices: creates one batch of every request, polls it
 * with a growing wait (a progress bar meanwhile) until it has ended, and reads its results file.
 * The batch's id is kept in a state file named after the requests' hash, so that a run that was
 * stopped, or is repeated with the same samples, models and configuration, reads the same batch
 * again instead of paying for a new one.
 */
final class BatchRunner implements Runner {

    static final String PATH = "/v1/messages/batches";

    private final ApiConnection api;
    private final ObjectMapper json;
    private final Progress progress;
    private final Path stateDir;
    private final Duration firstWait;
    private final Duration longestWait;

    BatchRunner(ApiConnection api, ObjectMapper json, Progress progress, Path stateDir, Duration firstWait,
            Duration longestWait) {
        this.api = api;
        this.json = json;
        this.progress = progress;
        this.stateDir = stateDir;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
    }

    @Override
    public Map<String, Outcome> run(Map<String, ObjectNode> requests) throws Exception {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("requests");
        requests.forEach((customId, params) -> list.addObject().put("custom_id", customId).set("params", params));
        String payload = json.writeValueAsString(body);
        Path state = stateDir.resolve("batch-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(payload.getBytes(StandardCharsets.UTF_8))).substring(0, 16) + ".json");
        JsonNode batch = resumed(state);
        if (batch == null) {
            HttpResponse<String> created = api.post(PATH, payload);
            if (created.statusCode() != 200) {
                throw new IllegalStateException("the batch could not be created: " + created.statusCode() + " "
                        + created.body());
            }
            batch = json.readTree(created.body());
            Files.createDirectories(stateDir);
            Files.writeString(state, json.createObjectNode().put("batch_id", batch.path("id").asText()).toString());
        } else {
            progress.note("Resuming batch " + batch.path("id").asText() + " (" + state + ")");
        }
        Duration wait = firstWait;
        while (!"ended".equals(batch.path("processing_status").asText())) {
            int processing = batch.path("request_counts").path("processing").asInt();
            progress.show(requests.size() - processing, requests.size(), "processed, batch " + batch.path("id").asText());
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(longestWait) > 0 ? longestWait : wait.multipliedBy(2);
            batch = json.readTree(api.get(PATH + "/" + batch.path("id").asText()).body());
        }
        progress.show(requests.size(), requests.size(), "processed, batch " + batch.path("id").asText());
        progress.done();
        return results(batch);
    }

    /** The batch a previous run created for the same requests, if the API still has it. */
    private JsonNode resumed(Path state) throws Exception {
        if (!Files.exists(state)) {
            return null;
        }
        String id = json.readTree(Files.readString(state)).path("batch_id").asText();
        HttpResponse<String> found = api.get(PATH + "/" + id);
        return found.statusCode() == 200 ? json.readTree(found.body()) : null;
    }

    private Map<String, Outcome> results(JsonNode batch) throws Exception {
        HttpResponse<String> file = api.get(batch.path("results_url").asText());
        if (file.statusCode() != 200) {
            throw new IllegalStateException("the results of batch " + batch.path("id").asText()
                    + " could not be read: " + file.statusCode());
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String line : file.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = json.readTree(line);
            JsonNode result = entry.path("result");
            String type = result.path("type").asText();
            outcomes.put(entry.path("custom_id").asText(), switch (type) {
                case "succeeded" -> Outcome.answered(json.treeToValue(result.path("message"), MessageResponse.class), null);
                case "errored" -> Outcome.failed("errored: " + result.path("error").path("error").path("type").asText());
                default -> Outcome.failed(type);
            });
        }
        return outcomes;
    }

    @Override
    public boolean batchPrices() {
        return true;
    }
}
