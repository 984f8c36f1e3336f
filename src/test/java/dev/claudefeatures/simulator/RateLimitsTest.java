package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30.250Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final RateLimits limits = new RateLimits(now::get);

    @Test
    void remainingFallsWithEachAnswerInTheMinute() {
        Map<String, String> first = limits.count(1_000, 200);
        now.set(START.plusSeconds(10));
        Map<String, String> second = limits.count(500, 50);

        assertThat(first).containsEntry("anthropic-ratelimit-requests-limit", "4000")
                .containsEntry("anthropic-ratelimit-requests-remaining", "3999")
                .containsEntry("anthropic-ratelimit-input-tokens-remaining", "1999000")
                .containsEntry("anthropic-ratelimit-output-tokens-remaining", "399800")
                .containsEntry("anthropic-ratelimit-tokens-limit", "2400000")
                .containsEntry("anthropic-ratelimit-tokens-remaining", "2398800");
        assertThat(second).containsEntry("anthropic-ratelimit-requests-remaining", "3998")
                .containsEntry("anthropic-ratelimit-input-tokens-remaining", "1998500")
                .containsEntry("anthropic-ratelimit-output-tokens-remaining", "399750")
                .containsEntry("anthropic-ratelimit-tokens-remaining", "2398250");
    }

    @Test
    void everyResetIsAnRfc3339TimeWhenTheMinuteEnds() {
        Map<String, String> headers = limits.count(1, 1);

        for (String kind : new String[] {"requests", "input-tokens", "output-tokens", "tokens"}) {
            String reset = headers.get("anthropic-ratelimit-" + kind + "-reset");
            assertThat(reset).as(kind).isEqualTo("2026-11-25T10:16:30Z");
            assertThat(OffsetDateTime.parse(reset).toInstant()).isAfter(START);
        }
    }

    @Test
    void aNewMinuteStartsWhole() {
        limits.count(1_000, 200);
        now.set(START.plusSeconds(59));
        assertThat(limits.count(0, 0)).containsEntry("anthropic-ratelimit-requests-remaining", "3998");

        now.set(START.plusSeconds(60));
        Map<String, String> fresh = limits.count(10, 5);

        assertThat(fresh).containsEntry("anthropic-ratelimit-requests-remaining", "3999")
                .containsEntry("anthropic-ratelimit-input-tokens-remaining", "1999990")
                .containsEntry("anthropic-ratelimit-requests-reset", "2026-11-25T10:17:30Z");
    }

    @Test
    void remainingNeverGoesBelowZero() {
        assertThat(limits.count(RateLimits.INPUT_TOKENS_PER_MINUTE + 5, 0))
                .containsEntry("anthropic-ratelimit-input-tokens-remaining", "0");
    }
}
