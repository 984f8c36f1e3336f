package dev.claudefeatures.evaluate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The gaps between consecutive calls, which decide whether a cache entry is still alive: counted
 * against the two TTLs the API offers (a gap of exactly a TTL is one the entry does not survive),
 * with their p50, p90 and largest; null percentiles when there is a single call.
 */
record GapDistribution(int underFiveMinutes, int fiveMinutesToAnHour, int overAnHour, Duration p50, Duration p90,
        Duration max) {

    /** @param calls oldest first */
    static GapDistribution of(List<UsageCall> calls) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            gaps.add(Duration.between(calls.get(i - 1).timestamp(), calls.get(i).timestamp()));
        }
        Collections.sort(gaps);
        int under = (int) gaps.stream().filter(gap -> gap.compareTo(Duration.ofMinutes(5)) < 0).count();
        int over = (int) gaps.stream().filter(gap -> gap.compareTo(Duration.ofHours(1)) >= 0).count();
        return new GapDistribution(under, gaps.size() - under - over, over, percentile(gaps, 50), percentile(gaps, 90),
                gaps.isEmpty() ? null : gaps.get(gaps.size() - 1));
    }

    /** Nearest rank; null without gaps. */
    private static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
