package dev.claudefeatures.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the simulated API answers: a status, headers and a JSON body; or, for a streamed request,
 * its chunks, each sent on its own: SSE frames ({@code body} then holds them all, joined), or the
 * binary frames of an AWS event stream ({@code body} then empty).
 */
record SimulatedResponse(int status, Map<String, String> headers, String body, List<byte[]> chunks) {

    SimulatedResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, null);
    }

    /** A stream of server-sent events, one frame per chunk. */
    static SimulatedResponse streamed(Map<String, String> headers, List<String> frames) {
        return new SimulatedResponse(200, headers, String.join("", frames),
                frames.stream().map(frame -> frame.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** A stream of binary frames (AWS event stream). */
    static SimulatedResponse streamedBinary(Map<String, String> headers, List<byte[]> frames) {
        return new SimulatedResponse(200, headers, "", List.copyOf(frames));
    }

    boolean isStream() {
        return chunks != null;
    }

    /** The SSE frames of a stream of server-sent events, as text. */
    List<String> frames() {
        return chunks.stream().map(chunk -> new String(chunk, StandardCharsets.UTF_8)).toList();
    }
}
