package dev.claudefeatures.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.claudefeatures.messages.AnthropicApiException;

/** What a caller is told to wait, from whatever the API said (read by the exception): whole seconds from 1 to 60. */
class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "retry-after-ms={0}, retry-after={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "1500, -, 2", "1000, 30, 1", "0, -, 1", "120000, -, 60", "bad, 7, 7",
            "-, 7, 7", "-, 2.5, 3", "-, 0, 1", "-, 999999, 60", "-, -3, 1", "-, soon, 5", "-, -, 5",
            "'-', 'Wed, 25 Nov 2026 10:00:20 GMT', 20", "'-', 'Wed, 25 Nov 2026 09:00:00 GMT', 1"})
    void theWaitIsWholeSecondsWithinBounds(String retryAfterMs, String retryAfter, long seconds) {
        Map<String, String> headers = new HashMap<>();
        Optional.ofNullable(retryAfterMs).ifPresent(value -> headers.put("retry-after-ms", value));
        Optional.ofNullable(retryAfter).ifPresent(value -> headers.put("retry-after", value));
        AnthropicApiException overloaded = AnthropicApiException.of(529, "overloaded_error", "Overloaded", "req_1", headers);

        assertThat(RetryAfter.seconds(overloaded.retryAfter(CLOCK))).isEqualTo(seconds);
    }
}
