package dev.claudefeatures.policy;

import java.util.OptionalDouble;

import dev.claudefeatures.policy.ModelCatalog.ModelSpec;
import dev.claudefeatures.telemetry.TokenPrices;

/**
 * A feature's policy, checked and resolved: the model's specification looked up, the system
 * prompt read from its resource.
 */
public record FeaturePolicy(
        String feature,
        String model,
        ModelSpec modelSpec,
        int maxTokens,
        String systemPrompt,
        CacheMode cache,
        OptionalDouble temperature,
        int maxInputChars) {

    /** The model's prices, as telemetry prices a call. */
    public TokenPrices prices() {
        return pricesOf(modelSpec);
    }

    static TokenPrices pricesOf(ModelSpec model) {
        ModelCatalog.Prices p = model.prices();
        return new TokenPrices(p.input(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.output());
    }
}
