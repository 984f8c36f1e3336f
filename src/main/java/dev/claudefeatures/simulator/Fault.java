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
 * @param streamBreak with status 0 and a streamed request: {@code error} (an {@code error} event
 *                    after the first text) or {@code cut} (the stream ends there, without
 *                    {@code message_stop}); null streams to the end
 */
public record Fault(int status, String errorType, String message, Map<String, String> headers, Duration delay,
        JsonNode answer, String stopReason, String streamBreak) {

    public Fault(int status, String errorType, String message, Map<String, String> headers, Duration delay,
            JsonNode answer, String stopReason) {
        this(status, errorType, message, headers, delay, answer, stopReason, null);
    }

    /** The next streamed answer breaks off after its first text: {@code error} or {@code cut}. */
    public static Fault streamBreak(String kind) {
        if (!"error".equals(kind) && !"cut".equals(kind)) {
            throw new IllegalArgumentException("stream must be error or cut");
        }
        return new Fault(0, null, null, Map.of(), Duration.ZERO, null, null, kind);
    }

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
        return new Fault(status, errorType, message, Map.copyOf(all), delay, answer, stopReason, streamBreak);
    }

    boolean isError() {
        return status != 0;
    }
}
