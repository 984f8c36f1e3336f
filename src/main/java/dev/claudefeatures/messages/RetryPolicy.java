package dev.claudefeatures.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to retry and how long to wait, exactly as the official TypeScript and Java SDKs do:
 * <ul>
 * <li>an {@code x-should-retry: true|false} header decides when present;</li>
 * <li>otherwise 408, 409, 429 and every status from 500 retry, other 4xx never;</li>
 * <li>connection failures and timeouts retry;</li>
 * <li>the wait is {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date), if
 * that lies between 0 and 60 s; else {@code min(0.5 s * 2^n, 8 s)} times a jitter in (0.75, 1].</li>
 * </ul>
 */
public final class RetryPolicy {

    static final Duration INITIAL_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    /** A server-given wait longer than this is ignored in favour of the backoff, as the SDKs do. */
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);

    private final int maxRetries;
    private final DoubleSupplier random;
    private final Clock clock;

    /**
     * @param random uniform values in [0, 1), for the jitter
     */
    public RetryPolicy(int maxRetries, DoubleSupplier random, Clock clock) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.random = random;
        this.clock = clock;
    }

    /** Whether a failure after {@code retriesSoFar} retries is worth another attempt. */
    public boolean shouldRetry(AnthropicException failure, int retriesSoFar) {
        return retriesSoFar < maxRetries && isRetryable(failure);
    }

    static boolean isRetryable(AnthropicException failure) {
        if (failure instanceof AnthropicTransportException) {
            return true;
        }
        if (!(failure instanceof AnthropicApiException api)) {
            return false;
        }
        Optional<String> shouldRetry = api.header("x-should-retry");
        if (shouldRetry.isPresent()) {
            return "true".equalsIgnoreCase(shouldRetry.get().trim());
        }
        int status = api.status();
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The wait before retry number {@code retriesSoFar + 1}. */
    public Duration delayBeforeRetry(AnthropicException failure, int retriesSoFar) {
        if (failure instanceof AnthropicApiException api) {
            Optional<Duration> asked = api.retryAfter(clock);
            if (asked.isPresent() && !asked.get().isNegative() && asked.get().compareTo(MAX_SERVER_DELAY) < 0) {
                return asked.get();
            }
        }
        double seconds = Math.min(INITIAL_DELAY.toMillis() / 1000.0 * Math.pow(2, retriesSoFar),
                MAX_DELAY.toMillis() / 1000.0);
        double jitter = 1 - random.getAsDouble() * 0.25;
        return Duration.ofNanos(Math.round(seconds * jitter * 1_000_000_000L));
    }
}
