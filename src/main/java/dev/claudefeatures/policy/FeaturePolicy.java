package dev.claudefeatures.policy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.policy.ModelCatalog.ModelSpec;
import dev.claudefeatures.telemetry.TokenPrices;

/**
 * A feature's policy, checked and resolved: the model's specification looked up, the system
 * prompt and schema read from their resources.
 *
 * @param schema the JSON Schema of a structured answer, with the policy's {@code enums} applied, compiled
 */
public record FeaturePolicy(
        String feature,
        String model,
        ModelSpec modelSpec,
        int maxTokens,
        String systemPrompt,
        CachePolicy cache,
        OptionalDouble temperature,
        int maxInputChars,
        Optional<SchemaCheck> schema,
        Optional<Escalation> escalation) {

    /** A stronger model for answers whose confidence field is below a threshold. */
    public record Escalation(String model, ModelSpec modelSpec, double belowConfidence, String confidenceField) {
    }

    public FeaturePolicy(String feature, String model, ModelSpec modelSpec, int maxTokens, String systemPrompt,
            CachePolicy cache, OptionalDouble temperature, int maxInputChars) {
        this(feature, model, modelSpec, maxTokens, systemPrompt, cache, temperature, maxInputChars, Optional.empty(),
                Optional.empty());
    }

    /** The same policy on another model, e.g. for an escalation. */
    public FeaturePolicy onModel(String otherModel, ModelSpec otherSpec) {
        return new FeaturePolicy(feature, otherModel, otherSpec, maxTokens, systemPrompt, cache, temperature,
                maxInputChars, schema, escalation);
    }

    /** The model's prices from {@code provider}, as telemetry prices a call. */
    public TokenPrices prices(Provider provider) {
        return prices(modelSpec, provider);
    }

    /**
     * A catalog model's prices from {@code provider}, as telemetry prices a call: on Bedrock, the
     * API's times the Bedrock id's {@code price-multiplier} (Bedrock has no {@code inference_geo}).
     */
    public static TokenPrices prices(ModelSpec spec, Provider provider) {
        ModelCatalog.Prices p = spec.prices();
        if (provider == Provider.BEDROCK && spec.bedrock().isPresent()) {
            BigDecimal times = spec.bedrock().get().priceMultiplier();
            return new TokenPrices(p.input().multiply(times), p.cacheWrite5m().multiply(times),
                    p.cacheWrite1h().multiply(times), p.cacheRead().multiply(times), p.output().multiply(times),
                    Map.of());
        }
        return new TokenPrices(p.input(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.output(),
                p.inferenceGeo());
    }
}
