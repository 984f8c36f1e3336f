package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Message Batches API's life cycle, on a clock the test moves: statuses, request counts,
 * {@code results_url}, the JSON Lines results and their four kinds, the custom-id rules, cancel,
 * delete and list. Each request is answered by a stand-in for {@code POST /v1/messages} that
 * answers 200 unless its model is {@code unknown}.
 */
class MessageBatchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final String BASE = "http://localhost:8089";

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final MessageBatches batches = new MessageBatches(JSON, now::get, PROCESSING);
    private final List<String> answered = new ArrayList<>();

    private SimulatedResponse message(byte[] params) {
        try {
            JsonNode request = JSON.readTree(params);
            answered.add(request.path("messages").get(0).path("content").asText());
            if (request.path("model").asText().equals("unknown")) {
                return new SimulatedResponse(404, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                        + "\"message\":\"model: unknown\"},\"request_id\":\"req_1\"}");
            }
            return new SimulatedResponse(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":\"answer to " + request.path("messages").get(0).path("content").asText() + "\"}]}");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String request(String customId, String model, String text) {
        return "{\"custom_id\":\"" + customId + "\",\"params\":{\"model\":\"" + model + "\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}}";
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        MessageBatches.BatchAnswer answer = batches.handle(method, path, body == null ? JSON.nullNode() : JSON.readTree(body),
                this::message, BASE);
        assertThat(answer.status()).isEqualTo(200);
        return answer.jsonLines() ? JSON.readTree("[" + String.join(",", answer.body().strip().split("\n")) + "]")
                : JSON.readTree(answer.body());
    }

    private JsonNode createThree() throws Exception {
        return call("POST", MessageBatches.PATH, "{\"requests\":[" + request("a", "claude-sonnet-4-6", "one") + ","
                + request("b", "unknown", "two") + "," + request("sim-expire-c", "claude-sonnet-4-6", "three") + "]}");
    }

    @Test
    void aBatchIsInProgressUntilItsProcessingTimeHasPassedThenEndsWithItsCounts() throws Exception {
        JsonNode created = createThree();

        assertThat(created.path("id").asText()).matches("msgbatch_[A-Za-z0-9]{24}");
        assertThat(created.path("type").asText()).isEqualTo("message_batch");
        assertThat(created.path("processing_status").asText()).isEqualTo("in_progress");
        assertThat(created.path("request_counts").toString())
                .isEqualTo("{\"processing\":3,\"succeeded\":0,\"errored\":0,\"canceled\":0,\"expired\":0}");
        assertThat(created.path("results_url").isNull()).isTrue();
        assertThat(created.path("ended_at").isNull()).isTrue();
        assertThat(created.path("created_at").asText()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(created.path("expires_at").asText()).isEqualTo("2026-12-06T10:00:00Z");
        String id = created.path("id").asText();
        assertThatThrownBy(() -> call("GET", MessageBatches.PATH + "/" + id + "/results", null))
                .isInstanceOfSatisfying(SimulatedError.class, error -> assertThat(error.status()).isEqualTo(400));

        now.set(START.plus(PROCESSING).minusMillis(1));
        assertThat(call("GET", MessageBatches.PATH + "/" + id, null).path("processing_status").asText())
                .isEqualTo("in_progress");
        now.set(START.plus(PROCESSING));
        JsonNode ended = call("GET", MessageBatches.PATH + "/" + id, null);

        assertThat(ended.path("processing_status").asText()).isEqualTo("ended");
        assertThat(ended.path("request_counts").toString())
                .isEqualTo("{\"processing\":0,\"succeeded\":1,\"errored\":1,\"canceled\":0,\"expired\":1}");
        assertThat(ended.path("ended_at").asText()).isEqualTo("2026-12-05T10:00:30Z");
        assertThat(ended.path("results_url").asText()).isEqualTo(BASE + "/v1/messages/batches/" + id + "/results");
    }

    @Test
    void theResultsHoldOneLinePerCustomIdOfEachKindNotInRequestOrder() throws Exception {
        String id = createThree().path("id").asText();
        now.set(START.plus(PROCESSING));

        JsonNode lines = call("GET", MessageBatches.PATH + "/" + id + "/results", null);

        assertThat(lines).extracting(line -> line.path("custom_id").asText() + "=" + line.path("result").path("type")
                .asText()).containsExactly("sim-expire-c=expired", "b=errored", "a=succeeded");
        assertThat(lines.get(2).path("result").path("message").path("content").get(0).path("text").asText())
                .isEqualTo("answer to one");
        JsonNode error = lines.get(1).path("result").path("error");
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(error.path("request_id").asText()).isEqualTo("req_1");
        assertThat(answered).as("an expiring request is never answered").containsExactly("one", "two");
    }

    @Test
    void customIdsMustMatchTheApisPatternAndBeUniqueAndNothingIsAnsweredOtherwise() {
        for (String requests : List.of("[]", "[" + request("has space", "m", "x") + "]",
                "[" + request("a".repeat(65), "m", "x") + "]",
                "[" + request("same", "m", "x") + "," + request("same", "m", "y") + "]",
                "[{\"custom_id\":\"no-params\"}]")) {
            assertThatThrownBy(() -> call("POST", MessageBatches.PATH, "{\"requests\":" + requests + "}"))
                    .as(requests).isInstanceOfSatisfying(SimulatedError.class, error -> {
                        assertThat(error.status()).isEqualTo(400);
                        assertThat(error.type()).isEqualTo("invalid_request_error");
                    });
        }
        assertThat(answered).isEmpty();
    }

    @Test
    void aCanceledBatchEndsAtOnceWithEveryRequestCanceled() throws Exception {
        String id = createThree().path("id").asText();
        now.set(START.plusSeconds(5));

        JsonNode canceled = call("POST", MessageBatches.PATH + "/" + id + "/cancel", null);

        assertThat(canceled.path("processing_status").asText()).isEqualTo("ended");
        assertThat(canceled.path("cancel_initiated_at").asText()).isEqualTo("2026-12-05T10:00:05Z");
        assertThat(canceled.path("request_counts").path("canceled").asInt()).isEqualTo(3);
        assertThat(call("GET", MessageBatches.PATH + "/" + id + "/results", null))
                .allSatisfy(line -> assertThat(line.path("result").path("type").asText()).isEqualTo("canceled"));
    }

    @Test
    void onlyAnEndedBatchCanBeDeletedAndTheListIsNewestFirst() throws Exception {
        String first = createThree().path("id").asText();
        String second = createThree().path("id").asText();

        JsonNode page = call("GET", MessageBatches.PATH, null);
        assertThat(page.path("data")).extracting(batch -> batch.path("id").asText()).containsExactly(second, first);
        assertThat(page.path("first_id").asText()).isEqualTo(second);
        assertThat(page.path("has_more").asBoolean()).isFalse();
        assertThatThrownBy(() -> call("DELETE", MessageBatches.PATH + "/" + first, null))
                .isInstanceOfSatisfying(SimulatedError.class, error -> assertThat(error.status()).isEqualTo(400));

        now.set(START.plus(PROCESSING));
        JsonNode deleted = call("DELETE", MessageBatches.PATH + "/" + first, null);
        assertThat(deleted.path("type").asText()).isEqualTo("message_batch_deleted");
        assertThatThrownBy(() -> call("GET", MessageBatches.PATH + "/" + first, null))
                .isInstanceOfSatisfying(SimulatedError.class, error -> assertThat(error.status()).isEqualTo(404));
    }
}
