package dev.claudefeatures.evaluate;

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

import dev.claudefeatures.messages.AnthropicApiException;
import dev.claudefeatures.messages.AnthropicTransport;
import dev.claudefeatures.messages.AnthropicTransport.Call;
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
    /** For one request about the batch: creating it, polling it, reading its results. */
    private static final Duration PER_REQUEST = Duration.ofMinutes(5);

    private final AnthropicTransport api;
    private final ObjectMapper json;
    private final Progress progress;
    private final Path stateDir;
    private final Duration firstWait;
    private final Duration longestWait;

    BatchRunner(AnthropicTransport api, ObjectMapper json, Progress progress, Path stateDir, Duration firstWait,
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
            batch = api.send(Call.post(PATH, body), JsonNode.class, api.deadline(PER_REQUEST)).body();
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
            batch = api.send(Call.get(PATH + "/" + batch.path("id").asText()), JsonNode.class,
                    api.deadline(PER_REQUEST)).body();
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
        try {
            return api.send(Call.get(PATH + "/" + id), JsonNode.class, api.deadline(PER_REQUEST)).body();
        } catch (AnthropicApiException gone) {
            return null; // expired or never on this route: a new batch is made
        }
    }

    private Map<String, Outcome> results(JsonNode batch) throws Exception {
        String file = api.send(Call.get(batch.path("results_url").asText()), String.class, api.deadline(PER_REQUEST))
                .body();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String line : file.split("\n")) {
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
