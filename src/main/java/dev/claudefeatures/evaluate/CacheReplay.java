package dev.claudefeatures.evaluate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.claudefeatures.telemetry.CostCalculator;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.TokenPrices;

/**
 * What one feature's calls would have cost under another cache TTL, replayed on their own
 * timestamps: an entry lives its TTL after its last write or read (reads refresh it, as the API's
 * do); a call that finds it alive reads the cached prefix, any other writes it; with caching off
 * the prefix is plain input. Uncached input and output are as the calls had them. Every figure is
 * priced by {@link CostCalculator}, at base prices: the usage line does not say the call's
 * inference geo, whose multiplier would scale every choice alike.
 */
final class CacheReplay {

    /** A cache setting to replay, with the value that sets it ({@code features.<name>.cache.<key>}). */
    enum Choice {
        OFF("none", null),
        FIVE_MINUTES("5m", Duration.ofMinutes(5)),
        ONE_HOUR("1h", Duration.ofHours(1));

        private final String configValue;
        private final Duration ttl;

        Choice(String configValue, Duration ttl) {
            this.configValue = configValue;
            this.ttl = ttl;
        }

        String configValue() {
            return configValue;
        }
    }

    /** What a choice would have done on the calls. */
    record Replayed(Choice choice, int writes, int reads, BigDecimal costUsd) {
    }

    private CacheReplay() {
    }

    /** @param calls one feature's calls of one model and prompt version, oldest first */
    static Replayed replay(List<UsageCall> calls, Choice choice, TokenPrices prices) {
        Instant expires = Instant.MIN;
        int writes = 0;
        int reads = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (UsageCall call : calls) {
            TokenCounts had = call.tokens();
            int prefix = call.prefixTokens();
            TokenCounts tokens;
            if (choice.ttl == null || prefix == 0) {
                tokens = new TokenCounts(had.input() + prefix, 0, 0, 0, had.output());
            } else if (call.timestamp().isBefore(expires)) {
                tokens = new TokenCounts(had.input(), prefix, 0, 0, had.output());
                reads++;
                expires = call.timestamp().plus(choice.ttl);
            } else {
                tokens = choice == Choice.ONE_HOUR ? new TokenCounts(had.input(), 0, 0, prefix, had.output())
                        : new TokenCounts(had.input(), 0, prefix, 0, had.output());
                writes++;
                expires = call.timestamp().plus(choice.ttl);
            }
            cost = cost.add(CostCalculator.costUsd(tokens, prices, null));
        }
        return new Replayed(choice, writes, reads, cost);
    }
}
