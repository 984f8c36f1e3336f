package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The simulator's prompt cache on a fake clock that starts far from zero: what is written, what
 * is read, when entries expire, that reads refresh them, and that purging keeps live entries.
 */
class PromptCacheTest {

    private static final int MIN = 1024;
    private final AtomicLong now = new AtomicLong(9_000_000_000_000L);
    private final PromptCache cache = new PromptCache(now::get);

    private static CacheBreakpoints prompt(String ttl, int tokens) {
        return new CacheBreakpoints(List.of(new CacheBreakpoints.Segment("system:" + ttl + tokens, tokens, ttl),
                new CacheBreakpoints.Segment("user:question", 10, null)));
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aPrefixIsWrittenOnceThenReadWithTheRestUncached() {
        CacheBreakpoints prompt = prompt("5m", 2000);

        assertThat(cache.apply("m", prompt, MIN, true)).isEqualTo(new PromptCache.Split(10, 0, 2000, 0));
        assertThat(cache.apply("m", prompt, MIN, true)).isEqualTo(new PromptCache.Split(10, 2000, 0, 0));
    }

    @Test
    void aOneHourEntryIsWrittenAsSuchAndStillReadAfterSixMinutes() {
        CacheBreakpoints prompt = prompt("1h", 2000);
        assertThat(cache.apply("m", prompt, MIN, true)).isEqualTo(new PromptCache.Split(10, 0, 0, 2000));

        advance(Duration.ofMinutes(6));

        assertThat(cache.apply("m", prompt, MIN, true).read()).isEqualTo(2000);
    }

    @Test
    void aFiveMinuteEntryIsGoneAtItsExpiryToTheNanosecond() {
        CacheBreakpoints prompt = prompt("5m", 2000);
        cache.apply("m", prompt, MIN, true);

        advance(Duration.ofMinutes(5).minusNanos(1));
        assertThat(cache.apply("m", prompt, MIN, false).read()).isEqualTo(2000);
        advance(Duration.ofNanos(1));
        assertThat(cache.apply("m", prompt, MIN, false).read()).isZero();
    }

    @Test
    void aHitExtendsTheTimeToLive() {
        CacheBreakpoints prompt = prompt("5m", 2000);
        cache.apply("m", prompt, MIN, true);
        advance(Duration.ofMinutes(4));
        cache.apply("m", prompt, MIN, true);

        advance(Duration.ofMinutes(4)); // 8 minutes after the write, 4 after the refreshing read

        assertThat(cache.apply("m", prompt, MIN, true).read()).isEqualTo(2000);
    }

    @Test
    void aPrefixOfExactlyTheMinimumIsCachedAndOneTokenLessIsNot() {
        assertThat(cache.apply("m", prompt("5m", MIN), MIN, true).written5m()).isEqualTo(MIN);
        assertThat(cache.apply("m", prompt("5m", MIN - 1), MIN, true))
                .isEqualTo(new PromptCache.Split(MIN - 1 + 10, 0, 0, 0));
    }

    @Test
    void aSecondBreakpointWritesOnlyWhatLiesBeyondTheFirst() {
        CacheBreakpoints two = new CacheBreakpoints(List.of(
                new CacheBreakpoints.Segment("tools", 1500, "1h"),
                new CacheBreakpoints.Segment("system", 700, "5m"),
                new CacheBreakpoints.Segment("user", 40, null)));

        assertThat(cache.apply("m", two, MIN, true)).isEqualTo(new PromptCache.Split(40, 0, 700, 1500));
        assertThat(cache.apply("m", two, MIN, true)).isEqualTo(new PromptCache.Split(40, 2200, 0, 0));
    }

    @Test
    void countingTokensWritesNothing() {
        CacheBreakpoints prompt = prompt("5m", 2000);

        assertThat(cache.apply("m", prompt, MIN, false).written5m()).isEqualTo(2000);
        assertThat(cache.size()).isZero();
        assertThat(cache.apply("m", prompt, MIN, true).read()).isZero();
    }

    @Test
    void anotherModelDoesNotReadTheEntry() {
        cache.apply("a", prompt("5m", 2000), MIN, true);

        assertThat(cache.apply("b", prompt("5m", 2000), MIN, true).read()).isZero();
    }

    @Test
    void purgingAboveTheLimitDropsExpiredEntriesOnlyAndNotBeforeTheLimit() {
        for (int i = 0; i < PromptCache.PURGE_ABOVE; i++) {
            cache.apply("m", prompt("5m", 2000 + i), MIN, true);
        }
        CacheBreakpoints live = prompt("1h", 5000);
        cache.apply("m", live, MIN, true);
        advance(Duration.ofMinutes(5)); // every 5m entry now expires exactly now; the 1h one lives

        // PURGE_ABOVE + 1 entries: this call purges the expired ones and keeps the live one.
        cache.apply("m", new CacheBreakpoints(List.of()), MIN, true);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.apply("m", live, MIN, true).read()).isEqualTo(5000);
    }

    @Test
    void noPurgeRunsAtExactlyTheLimit() {
        for (int i = 0; i < PromptCache.PURGE_ABOVE; i++) {
            cache.apply("m", prompt("5m", 2000 + i), MIN, true);
        }
        advance(Duration.ofMinutes(10));

        cache.apply("m", new CacheBreakpoints(List.of()), MIN, true);

        assertThat(cache.size()).isEqualTo(PromptCache.PURGE_ABOVE);
    }

    private static CacheBreakpoints.Segment block(String name, int tokens, String ttl) {
        return new CacheBreakpoints.Segment(name, tokens, ttl);
    }

    @Test
    void aBreakpointThatMovedForwardReadsTheEarlierPrefixByLookingBack() {
        // Turn 1 of a conversation: breakpoint after the first exchange.
        cache.apply("m", new CacheBreakpoints(List.of(block("system", 1500, null), block("user:1", 10, "5m"))), MIN, true);

        // Turn 2: the breakpoint moved two blocks on; the API finds turn 1's prefix and reads it.
        PromptCache.Split split = cache.apply("m", new CacheBreakpoints(List.of(block("system", 1500, null),
                block("user:1", 10, null), block("assistant:1", 20, null), block("user:2", 30, "5m"))), MIN, true);

        assertThat(split).isEqualTo(new PromptCache.Split(0, 1510, 50, 0));
    }

    @Test
    void theLookbackReachesAboutTwentyBlocksAndNoFurther() {
        List<CacheBreakpoints.Segment> first = new java.util.ArrayList<>(List.of(block("system", 1500, "5m")));
        cache.apply("m", new CacheBreakpoints(first), MIN, true);

        List<CacheBreakpoints.Segment> near = new java.util.ArrayList<>(List.of(block("system", 1500, null)));
        for (int i = 0; i < PromptCache.LOOKBACK; i++) {
            near.add(block("turn:" + i, 1, i == PromptCache.LOOKBACK - 1 ? "5m" : null));
        }
        assertThat(cache.apply("m", new CacheBreakpoints(near), MIN, false).read()).isEqualTo(0);
        assertThat(cache.apply("m", new CacheBreakpoints(near), MIN, true).read()).isEqualTo(1500);

        List<CacheBreakpoints.Segment> far = new java.util.ArrayList<>(List.of(block("system", 1500, null)));
        for (int i = 0; i < PromptCache.LOOKBACK + 1; i++) {
            far.add(block("other:" + i, 1, i == PromptCache.LOOKBACK ? "5m" : null));
        }
        assertThat(cache.apply("m", new CacheBreakpoints(far), MIN, true).read()).isZero();
    }
}
