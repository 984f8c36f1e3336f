package dev.claudefeatures.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as it came off the wire, free of any HTTP server: what the routes answer and what a
 * signature is checked against.
 *
 * @param path    the path as sent, still percent-encoded
 * @param query   the query as sent, or null
 * @param headers every value of each header, by lower-case name
 */
record WireRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header, in order; empty without it. */
    List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
