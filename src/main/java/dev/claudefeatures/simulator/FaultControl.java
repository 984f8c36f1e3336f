package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Faults queued over HTTP, so that a developer in dev mode can see with curl what a feature answers
 * when the API is overloaded: {@code POST /_simulator/faults?status=529&times=3&retry-after=2} (or
 * {@code delay-ms=20000} for a slow answer, {@code stream=error} or {@code stream=cut} for a
 * streamed answer that breaks off after its first text). It lives on the simulator's own port, so it exists only
 * while the simulator runs: never in production, never when a key is configured.
 */
final class FaultControl {

    static final String PATH = "/_simulator/faults";
    static final int MAX_TIMES = 100;

    /** The error type the API gives with each status. */
    private static final Map<Integer, String> ERROR_TYPES = Map.of(
            400, "invalid_request_error",
            401, "authentication_error",
            403, "permission_error",
            404, "not_found_error",
            413, "request_too_large",
            429, "rate_limit_error",
            500, "api_error",
            504, "timeout_error",
            529, "overloaded_error");

    private FaultControl() {
    }

    /**
     * The faults that a control request asks for, the same fault {@code times} times.
     *
     * @param parameter a query parameter's value by name, or null
     * @throws IllegalArgumentException with a message for the developer when a parameter is wrong
     */
    static List<Fault> parse(UnaryOperator<String> parameter) {
        int times = number(parameter, "times", 1, 1, MAX_TIMES);
        long delayMs = number(parameter, "delay-ms", 0, 0, 900_000);
        String status = parameter.apply("status");
        String stream = parameter.apply("stream");
        Fault fault;
        if (stream != null && status == null) {
            if (!"error".equals(stream) && !"cut".equals(stream)) {
                throw new IllegalArgumentException("stream must be error (an error event midway) or cut (no message_stop)");
            }
            fault = Fault.streamBreak(stream);
        } else if (status == null) {
            if (delayMs == 0) {
                throw new IllegalArgumentException("give status (an error such as 529), delay-ms (a slow answer) or "
                        + "stream (error or cut)");
            }
            fault = Fault.slow(Duration.ofMillis(delayMs));
        } else {
            int code = number(parameter, "status", 0, 400, 599);
            fault = new Fault(code, ERROR_TYPES.getOrDefault(code, "api_error"), "simulated fault", Map.of(),
                    Duration.ofMillis(delayMs), null, null);
            String retryAfter = parameter.apply("retry-after");
            if (retryAfter != null) {
                fault = fault.withHeader("retry-after", String.valueOf(number(parameter, "retry-after", 0, 0, 3600)));
            }
        }
        return Collections.nCopies(times, fault);
    }

    private static int number(UnaryOperator<String> parameter, String name, int absent, int min, int max) {
        String value = parameter.apply(name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
