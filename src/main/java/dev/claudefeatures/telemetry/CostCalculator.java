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
}
