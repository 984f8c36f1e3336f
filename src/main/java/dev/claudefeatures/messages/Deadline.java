package dev.claudefeatures.messages;

import java.time.Duration;

/**
 * When a call must be over, attempts and waits included, on the scale of its {@link Ticker}.
 * One deadline can be shared by several calls, so that they all draw on one budget.
 */
public record Deadline(long endNanos, Ticker ticker) {

    /** Less time than this is not worth an attempt: no answer could come back in it. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

    public static Deadline after(Duration budget, Ticker ticker) {
        return new Deadline(ticker.nanoTime() + budget.toNanos(), ticker);
    }

    /** The time left now; negative once the deadline has passed. */
    public Duration remaining() {
        return Duration.ofNanos(endNanos - ticker.nanoTime());
    }

    /** The time since {@code startNanos}, a reading of this deadline's ticker. */
    public Duration since(long startNanos) {
        return Duration.ofNanos(ticker.nanoTime() - startNanos);
    }

    /** Whether at least {@code needed}, and never less than {@link #MIN_ATTEMPT}, is left now. */
    public boolean allows(Duration needed) {
        Duration left = remaining();
        return left.compareTo(MIN_ATTEMPT) >= 0 && left.compareTo(needed) >= 0;
    }
}
