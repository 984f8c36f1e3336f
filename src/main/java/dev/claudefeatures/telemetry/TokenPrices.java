package dev.claudefeatures.telemetry;

import java.math.BigDecimal;

/** A model's prices in USD per million tokens, by how each token is billed. */
public record TokenPrices(BigDecimal input, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal cacheRead,
        BigDecimal output) {
}
