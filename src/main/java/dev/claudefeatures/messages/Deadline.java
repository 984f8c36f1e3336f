package dev.claudefeatures.messages;

import java.time.Duration;

/**
 * When a call must be over, attempts and waits included, on the {@link System#nanoTime()} scale.
 * One deadline can be shared by several calls, so that they all draw on one budget.
 */
public record Deadline(long endNanos) {

    /** Less time than this is not worth an attempt: no answer could come back in it. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** The time left at {@code nowNanos}; negative once the deadline has passed. */
    public Duration remaining(long nowNanos) {
        return Duration.ofNanos(endNanos - nowNanos);
    }

    public Duration remaining() {
        return remaining(System.nanoTime());
    }

    /** Whether at least {@code needed}, and never less than {@link #MIN_ATTEMPT}, is left now. */
    public boolean allows(Duration needed) {
        return allows(needed, System.nanoTime());
    }

    /** Whether at least {@code needed}, and never less than {@link #MIN_ATTEMPT}, is left at {@code nowNanos}. */
    public boolean allows(Duration needed, long nowNanos) {
        Duration left = remaining(nowNanos);
        return left.compareTo(MIN_ATTEMPT) >= 0 && left.compareTo(needed) >= 0;
    }
}
