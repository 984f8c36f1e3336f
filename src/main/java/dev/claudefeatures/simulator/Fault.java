package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the simulator does to the next request instead of answering it normally, for tests of
 * retries, timeouts, error mapping and structured-answer handling: queue it with
 * {@link OfflineSimulator#failNext(Fault)}.
 *
 * @param status     HTTP error status to answer, or 0 to answer a message
 * @param delay      how long to wait before answering
 * @param answer     with status 0: the structured answer (tool input or JSON text) to give
 *                   instead of one generated from the schema, whether it fits the schema or not
 * @param stopReason with status 0: the stop reason to answer with, {@code refusal} or {@code max_tokens}
 */
public record Fault(int status, String errorType, String message, Map<String, String> headers, Duration delay,
        JsonNode answer, String stopReason) {

    /** The next request gets an API error. */
    public static Fault error(int status, String errorType) {
        return new Fault(status, errorType, "simulated " + errorType, Map.of(), Duration.ZERO, null, null);
    }

    /** The next request is answered normally, but only after {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault(0, null, null, Map.of(), delay, null, null);
    }

    /** The next structured answer is exactly {@code answer}: the way to test a schema violation. */
    public static Fault answer(JsonNode answer) {
        return new Fault(0, null, null, Map.of(), Duration.ZERO, answer, null);
    }

    /** The next answer stops for {@code stopReason}: {@code refusal}, or {@code max_tokens} (cut short). */
    public static Fault stop(String stopReason) {
        return new Fault(0, null, null, Map.of(), Duration.ZERO, null, stopReason);
    }

    public Fault withHeader(String name, String value) {
        HashMap<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new Fault(status, errorType, message, Map.copyOf(all), delay, answer, stopReason);
    }

    boolean isError() {
        return status != 0;
    }
}
