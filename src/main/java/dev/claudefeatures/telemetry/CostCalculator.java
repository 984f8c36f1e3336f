package dev.claudefeatures.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The estimated cost of a call: each part of the input at its own price (uncached input at the
 * input price, cache writes at their TTL's write price, cache reads at the read price), output at
 * the output price. Pricing all input at the base price would overstate a well-cached feature
 * several times over, and understate one that writes to the cache on every call.
 */
public final class CostCalculator {

    private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

    private CostCalculator() {
    }

    /** @param inferenceGeo the call's {@code usage.inference_geo}, or null */
    public static BigDecimal costUsd(TokenCounts tokens, TokenPrices prices, String inferenceGeo) {
        BigDecimal total = prices.input().multiply(BigDecimal.valueOf(tokens.input()))
                .add(prices.cacheWrite5m().multiply(BigDecimal.valueOf(tokens.cacheWrite5m())))
                .add(prices.cacheWrite1h().multiply(BigDecimal.valueOf(tokens.cacheWrite1h())))
                .add(prices.cacheRead().multiply(BigDecimal.valueOf(tokens.cacheRead())))
                .add(prices.output().multiply(BigDecimal.valueOf(tokens.output())));
        return total.multiply(prices.multiplierFor(inferenceGeo)).divide(PER_MILLION, MathContext.DECIMAL64)
                .stripTrailingZeros();
    }

    /**
     * What caching saved on a call: its cost had every cached token been sent as uncached input,
     * less its actual cost. Reads save the input price less the read price; writes cost their
     * premium over the input price (5m 0.25 x, 1h 1 x), so the saving is negative on a call that
     * wrote to the cache and read nothing from it, and a feature whose entries expire between calls
     * loses money. Both
     * sides are priced by {@link #costUsd}, so the two can never disagree.
     *
     * @param inferenceGeo the call's {@code usage.inference_geo}, or null
     */
    public static BigDecimal cacheSavingUsd(TokenCounts tokens, TokenPrices prices, String inferenceGeo) {
        TokenCounts uncached = new TokenCounts(Math.addExact(tokens.input(), Math.addExact(tokens.cacheRead(),
                tokens.cacheWrite())), 0, 0, 0, tokens.output());
        return costUsd(uncached, prices, inferenceGeo).subtract(costUsd(tokens, prices, inferenceGeo))
                .stripTrailingZeros();
    }
}
