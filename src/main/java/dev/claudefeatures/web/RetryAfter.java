package dev.claudefeatures.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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

    static long seconds(Optional<String> retryAfterMs, Optional<String> retryAfter, Clock clock) {
        Duration wait = retryAfterMs.flatMap(RetryAfter::millis)
                .or(() -> retryAfter.flatMap(value -> secondsOrDate(value, clock)))
                .orElse(DEFAULT);
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.trim()))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> secondsOrDate(String value, Clock clock) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000)));
        } catch (RuntimeException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }
}
