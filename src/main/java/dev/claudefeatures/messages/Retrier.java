package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs an attempt until it succeeds, the {@link RetryPolicy} gives up, or another attempt would
 * not fit the deadline.
 */
final class Retrier {

    record Outcome<T>(T value, int attempts) {
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final Duration attemptTimeout;
    private final Duration deadline;

    /**
     * @param attemptTimeout the longest one attempt can take
     * @param deadline       the longest the whole call may take, waits included
     */
    Retrier(RetryPolicy policy, Sleeper sleeper, LongSupplier nanoClock, Duration attemptTimeout, Duration deadline) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.attemptTimeout = attemptTimeout;
        this.deadline = deadline;
    }

    <T> Outcome<T> run(Supplier<T> attempt) {
        long start = nanoClock.getAsLong();
        for (int retries = 0;; retries++) {
            try {
                return new Outcome<>(attempt.get(), retries + 1);
            } catch (AnthropicException failure) {
                failure.attempts(retries + 1);
                if (!policy.shouldRetry(failure, retries)) {
                    throw failure;
                }
                Duration delay = policy.delayBeforeRetry(failure, retries);
                Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
                if (elapsed.plus(delay).plus(attemptTimeout).compareTo(deadline) > 0) {
                    throw failure;
                }
                pause(delay, failure);
            }
        }
    }

    private void pause(Duration delay, AnthropicException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
