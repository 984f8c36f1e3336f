package dev.claudefeatures.telemetry;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A model's prices in USD per million tokens, by how each token is billed.
 *
 * @param geoMultipliers multipliers of every price by the {@code inference_geo} a call ran in
 *                       (e.g. {@code us} at 1.1 on 4.6 and later models); a geo not listed costs
 *                       the base prices
 */
public record TokenPrices(BigDecimal input, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h, BigDecimal cacheRead,
        BigDecimal output, Map<String, BigDecimal> geoMultipliers) {

    public TokenPrices {
        geoMultipliers = Map.copyOf(geoMultipliers);
    }

    /** The multiplier of a call in {@code inferenceGeo}; 1 where none is configured. */
    public BigDecimal multiplierFor(String inferenceGeo) {
        return inferenceGeo == null ? BigDecimal.ONE : geoMultipliers.getOrDefault(inferenceGeo, BigDecimal.ONE);
    }
}
