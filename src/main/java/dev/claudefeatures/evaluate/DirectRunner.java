package dev.claudefeatures.evaluate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.AnthropicApiException;
import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.AnthropicTransport;
import dev.claudefeatures.messages.MessageResponse;

/**
 * {@code --no-batch}: one {@code POST /v1/messages} after another, at list prices, each timed
 * (retries included). Retried as the functions' calls are, by the transport; a call that still
 * fails is reported for its sample.
 */
final class DirectRunner implements Runner {

    /** Long enough for a slow model's longest answer and the retries the API asks to wait for. */
    private static final Duration PER_CALL = Duration.ofMinutes(5);

    private final AnthropicTransport api;
    private final Progress progress;

    DirectRunner(AnthropicTransport api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    @Override
    public Map<String, Outcome> run(Map<String, ObjectNode> requests) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> request : requests.entrySet()) {
            outcomes.put(request.getKey(), send(request.getValue()));
            progress.show(outcomes.size(), requests.size(), "calls answered");
        }
        progress.done();
        return outcomes;
    }

    private Outcome send(ObjectNode request) {
        try {
            AnthropicTransport.Received<MessageResponse> answer = api.send(
                    AnthropicTransport.Call.post("/v1/messages", request), MessageResponse.class, api.deadline(PER_CALL));
            return Outcome.answered(answer.body(), answer.elapsed());
        } catch (AnthropicApiException refused) {
            return Outcome.failed(refused.status() + " " + refused.errorType());
        } catch (AnthropicException failed) {
            return Outcome.failed(failed.getMessage());
        }
    }

    @Override
    public boolean batchPrices() {
        return false;
    }
}
