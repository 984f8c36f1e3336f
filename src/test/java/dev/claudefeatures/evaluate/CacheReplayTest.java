package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.evaluate.CacheReplay.Choice;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.TokenPrices;

/** The replay of calls under each TTL, against counts and costs worked out by hand (Sonnet 4.6 prices). */
class CacheReplayTest {

    /** 3 / 3.75 / 6 / 0.30 / 15 USD per million tokens. */
    private static final TokenPrices SONNET_4_6 = new TokenPrices(new BigDecimal("3"), new BigDecimal("3.75"),
            new BigDecimal("6"), new BigDecimal("0.30"), new BigDecimal("15"), Map.of("us", new BigDecimal("1.1")));
    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");

    /** Calls at these minutes, each with a 4,000-token prefix (written, as a 5m cache on sparse traffic would). */
    private static List<UsageCall> callsAt(long... minutes) {
        List<UsageCall> calls = new ArrayList<>();
        for (long minute : minutes) {
            calls.add(new UsageCall(START.plus(Duration.ofMinutes(minute)), "support-reply", "claude-sonnet-4-6",
                    "0123456789ab", new TokenCounts(50, 0, 4_000, 0, 100), BigDecimal.ONE, BigDecimal.ZERO));
        }
        return calls;
    }

    @Test
    void callsSevenMinutesApartRewriteAFiveMinuteEntryButReadAnHourLongOne() {
        List<UsageCall> calls = callsAt(0, 7, 14);

        CacheReplay.Replayed off = CacheReplay.replay(calls, Choice.OFF, SONNET_4_6);
        CacheReplay.Replayed fiveMinutes = CacheReplay.replay(calls, Choice.FIVE_MINUTES, SONNET_4_6);
        CacheReplay.Replayed oneHour = CacheReplay.replay(calls, Choice.ONE_HOUR, SONNET_4_6);

        // the rest of each call: 50 * 3 + 100 * 15 = 1650 per call, 4950 for three
        // off: 3 * 4000 * 3 = 36000; 5m: 3 * 4000 * 3.75 = 45000; 1h: 4000 * 6 + 2 * 4000 * 0.30 = 26400
        assertThat(off.writes()).isZero();
        assertThat(off.costUsd()).isEqualByComparingTo("0.04095");
        assertThat(fiveMinutes.writes()).isEqualTo(3);
        assertThat(fiveMinutes.reads()).isZero();
        assertThat(fiveMinutes.costUsd()).isEqualByComparingTo("0.04995");
        assertThat(oneHour.writes()).isEqualTo(1);
        assertThat(oneHour.reads()).isEqualTo(2);
        assertThat(oneHour.costUsd()).isEqualByComparingTo("0.03135");
    }

    @Test
    void aReadRefreshesTheEntrySoItOutlivesItsFirstTtl() {
        // 0, 4, 8, 12: each read within 5 minutes of the one before, 12 minutes after the write
        CacheReplay.Replayed fiveMinutes = CacheReplay.replay(callsAt(0, 4, 8, 12), Choice.FIVE_MINUTES, SONNET_4_6);

        assertThat(fiveMinutes.writes()).isEqualTo(1);
        assertThat(fiveMinutes.reads()).isEqualTo(3);
    }

    @Test
    void anEntryIsGoneExactlyAtItsTtl() {
        assertThat(CacheReplay.replay(callsAt(0, 5), Choice.FIVE_MINUTES, SONNET_4_6).writes()).isEqualTo(2);
        assertThat(CacheReplay.replay(callsAt(0, 60), Choice.ONE_HOUR, SONNET_4_6).writes()).isEqualTo(2);
        assertThat(CacheReplay.replay(callsAt(0, 59), Choice.ONE_HOUR, SONNET_4_6).reads()).isEqualTo(1);
    }

    @Test
    void theGapsAreCountedAgainstBothTtls() {
        GapDistribution gaps = GapDistribution.of(callsAt(0, 1, 8, 15, 22, 142));

        assertThat(gaps.underFiveMinutes()).isEqualTo(1);
        assertThat(gaps.fiveMinutesToAnHour()).isEqualTo(3);
        assertThat(gaps.overAnHour()).isEqualTo(1);
        assertThat(gaps.p50()).isEqualTo(Duration.ofMinutes(7));
        assertThat(gaps.p90()).isEqualTo(Duration.ofMinutes(120));
        assertThat(gaps.max()).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void aGapOfExactlyATtlIsOneTheEntryDoesNotSurvive() {
        // 5m and 60m gaps: a 5m entry is gone after the first, a 1h entry after the second
        GapDistribution gaps = GapDistribution.of(callsAt(0, 5, 65));

        assertThat(gaps.underFiveMinutes()).isZero();
        assertThat(gaps.fiveMinutesToAnHour()).isEqualTo(1);
        assertThat(gaps.overAnHour()).isEqualTo(1);
        assertThat(GapDistribution.of(callsAt(0)).p50()).isNull();
    }
}
