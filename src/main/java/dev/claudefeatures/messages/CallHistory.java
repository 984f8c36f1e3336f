package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.Optional;

/**
 * What a call went through before it failed: the attempts made (0 when none fitted the deadline),
 * the time from the first attempt to the failure, and for a stream that broke off midway the usage
 * it had reported, which is billed.
 */
public record CallHistory(int attempts, Duration elapsed, Usage partialUsage) {

    /** A failure of the first attempt, before anyone timed it. */
    static final CallHistory FIRST_ATTEMPT = new CallHistory(1, Duration.ZERO, null);

    public Optional<Usage> billedSoFar() {
        return Optional.ofNullable(partialUsage);
    }
}
