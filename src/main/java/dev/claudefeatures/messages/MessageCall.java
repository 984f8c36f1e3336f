package dev.claudefeatures.messages;

import java.time.Duration;

/**
 * A successful call: the response and what it took to get it.
 *
 * @param requestId the API's {@code request-id} header
 * @param attempts  1, or more when earlier attempts failed and were retried
 * @param latency   from the first attempt to the last response, waits included; timed once, by the retrier
 */
public record MessageCall(MessageResponse response, String requestId, int attempts, Duration latency) {
}
