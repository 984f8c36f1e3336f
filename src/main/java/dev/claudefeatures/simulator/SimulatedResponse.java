package dev.claudefeatures.simulator;

import java.util.List;
import java.util.Map;

/**
 * What the simulated API answers: a status, headers and a JSON body; or, for a streamed request,
 * its SSE frames ({@code body} then holds them all, joined).
 */
record SimulatedResponse(int status, Map<String, String> headers, String body, List<String> frames) {

    SimulatedResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, null);
    }

    static SimulatedResponse streamed(Map<String, String> headers, List<String> frames) {
        return new SimulatedResponse(200, headers, String.join("", frames), List.copyOf(frames));
    }

    boolean isStream() {
        return frames != null;
    }
}
