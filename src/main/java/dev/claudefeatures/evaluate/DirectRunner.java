package dev.claudefeatures.evaluate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.MessageResponse;

/**
 * {@code --no-batch}: one {@code POST /v1/messages} after another, at list prices, each timed. An
 * overloaded or rate-limited answer is tried again after the wait the API asks for, up to three
 * times; other errors are reported for their sample.
 */
final class DirectRunner implements Runner {

    private static final int ATTEMPTS = 3;

    private final ApiConnection api;
    private final ObjectMapper json;
    private final Progress progress;

    DirectRunner(ApiConnection api, ObjectMapper json, Progress progress) {
        this.api = api;
        this.json = json;
        this.progress = progress;
    }

    @Override
    public Map<String, Outcome> run(Map<String, ObjectNode> requests) throws Exception {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> request : requests.entrySet()) {
            outcomes.put(request.getKey(), send(request.getValue()));
            progress.show(outcomes.size(), requests.size(), "calls answered");
        }
        progress.done();
        return outcomes;
    }

    private Outcome send(ObjectNode request) throws Exception {
        String body = json.writeValueAsString(request);
        for (int attempt = 1;; attempt++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = api.post("/v1/messages", body);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (answer.statusCode() == 200) {
                return Outcome.answered(json.readValue(answer.body(), MessageResponse.class), latency);
            }
            boolean retryable = answer.statusCode() == 429 || answer.statusCode() == 529 || answer.statusCode() >= 500;
            if (!retryable || attempt == ATTEMPTS) {
                return Outcome.failed(answer.statusCode() + " " + json.readTree(answer.body()).path("error")
                        .path("type").asText("error"));
            }
            Thread.sleep(waitMillis(answer, attempt));
        }
    }

    /** The wait the API asks for ({@code retry-after}, seconds, maybe fractional), else 2, 4, ... s; at most 60 s. */
    static long waitMillis(HttpResponse<String> answer, int attempt) {
        double seconds;
        try {
            seconds = answer.headers().firstValue("retry-after").map(Double::parseDouble).orElse((double) (1L << attempt));
        } catch (NumberFormatException notSeconds) {
            seconds = 1L << attempt; // an HTTP date: not worth parsing for a tool
        }
        return Math.round(Math.min(60, Math.max(0, seconds)) * 1000);
    }

    @Override
    public boolean batchPrices() {
        return false;
    }
}
