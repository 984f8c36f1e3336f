package dev.claudefeatures.messages;

import java.time.Duration;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * Runs an attempt until it succeeds, the {@link RetryPolicy} gives up, or the deadline leaves no
 * room for another. Each attempt may take at most the attempt timeout and never more than the
 * time left, so the last one ends by the deadline; the whole run is timed here, once.
 */
final class Retrier {

    /** The event each retry adds to the current span (the call's, when tracing is on). */
    static final String RETRY_EVENT = "claude_features.retry";
    static final AttributeKey<Long> FAILED_ATTEMPT = AttributeKey.longKey("claude_features.attempt");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("claude_features.retry_delay_ms");

    /** A success: the value, the attempts it took and the time from the first attempt to the answer. */
    record Outcome<T>(T value, int attempts, Duration elapsed) {
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Duration attemptTimeout;

    /** @param attemptTimeout the longest one attempt may take ({@code anthropic.timeout}) */
    Retrier(RetryPolicy policy, Sleeper sleeper, Duration attemptTimeout) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.attemptTimeout = attemptTimeout;
    }

    /** @param attempt one attempt, given the most time it may take; timed on the deadline's ticker */
    <T> Outcome<T> run(Function<Duration, T> attempt, Deadline deadline) {
        long start = deadline.ticker().nanoTime();
        for (int retries = 0;; retries++) {
            Duration left = deadline.remaining();
            if (left.compareTo(Deadline.MIN_ATTEMPT) < 0) {
                throw new AnthropicTransportException("no time was left for an attempt within the request's deadline",
                        null, true).after(new CallHistory(retries, deadline.since(start), null));
            }
            try {
                T value = attempt.apply(left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout);
                return new Outcome<>(value, retries + 1, deadline.since(start));
            } catch (AnthropicException thrown) {
                AnthropicException failure = thrown.after(new CallHistory(retries + 1, deadline.since(start), null));
                if (!policy.shouldRetry(failure, retries)) {
                    throw failure;
                }
                Duration delay = policy.delayBeforeRetry(failure, retries);
                if (deadline.remaining().minus(delay).compareTo(Deadline.MIN_ATTEMPT) < 0) {
                    throw failure;
                }
                traceRetry(retries + 1, failure, delay);
                pause(delay, failure);
            }
        }
    }

    /** The failed attempt, why it failed (the API's error type, else the exception's) and the wait before the next. */
    private static void traceRetry(int attempt, AnthropicException failure, Duration delay) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        if (failure instanceof AnthropicApiException api) {
            span.addEvent(RETRY_EVENT, Attributes.of(FAILED_ATTEMPT, (long) attempt, ERROR_TYPE, api.errorType(),
                    STATUS, (long) api.status(), DELAY_MS, delay.toMillis()));
        } else {
            span.addEvent(RETRY_EVENT, Attributes.of(FAILED_ATTEMPT, (long) attempt, ERROR_TYPE,
                    failure.getClass().getName(), DELAY_MS, delay.toMillis()));
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
