package dev.claudefeatures.evaluate;

import java.time.Duration;

import dev.claudefeatures.messages.MessageResponse;

/**
 * What one request came back with: the answer, or why there is none.
 *
 * @param latency null where it cannot be known (a batch)
 */
record Outcome(MessageResponse answer, String error, Duration latency) {

    static Outcome answered(MessageResponse answer, Duration latency) {
        return new Outcome(answer, null, latency);
    }

    static Outcome failed(String error) {
        return new Outcome(null, error, null);
    }
}
