package dev.claudefeatures.simulator;

import java.util.Locale;
import java.util.Map;

/** A request as the simulator received it, for tests that assert what a client sent. */
public record ReceivedRequest(String path, Map<String, String> headers, String body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
