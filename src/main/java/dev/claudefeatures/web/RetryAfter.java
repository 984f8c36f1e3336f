package dev.claudefeatures.web;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code Retry-After} this service sends with every 503: always whole seconds, from 1 to 60.
 * Taken from the API's {@code retry-after-ms} (rounded up), else its {@code retry-after} (seconds
 * or an HTTP date), else {@link #DEFAULT}; a value out of range or unreadable is never passed on.
 */
final class RetryAfter {

    static final Duration DEFAULT = Duration.ofSeconds(5);
    static final long MIN_SECONDS = 1;
    static final long MAX_SECONDS = 60;

    private RetryAfter() {
    }

    /** @param asked the wait the API asked for ({@code AnthropicApiException.retryAfter}), if any */
    static long seconds(Optional<Duration> asked) {
        long seconds = (asked.orElse(DEFAULT).toMillis() + 999) / 1000;
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }
}
