package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.function.Supplier;

/** Runs an attempt until it succeeds or the {@link RetryPolicy} gives up. */
final class Retrier {

    record Outcome<T>(T value, int attempts) {
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    <T> Outcome<T> run(Supplier<T> attempt) {
        for (int retries = 0;; retries++) {
            try {
                return new Outcome<>(attempt.get(), retries + 1);
            } catch (AnthropicException failure) {
                failure.attempts(retries + 1);
                if (!policy.shouldRetry(failure, retries)) {
                    throw failure;
                }
                pause(policy.delayBeforeRetry(failure, retries), failure);
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
