package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A failure the simulator answers instead of the next request, for tests of retries, timeouts and
 * error mapping: queue it with {@link OfflineSimulator#failNext(Fault)}.
 *
 * @param status  HTTP status, or 0 for no error (with a delay: a slow but good answer)
 * @param delay   how long to wait before answering
 */
public record Fault(int status, String errorType, String message, Map<String, String> headers, Duration delay) {

    public static Fault error(int status, String errorType) {
        return new Fault(status, errorType, "simulated " + errorType, Map.of(), Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(0, null, null, Map.of(), delay);
    }

    public Fault withHeader(String name, String value) {
        HashMap<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new Fault(status, errorType, message, all, delay);
    }
}
