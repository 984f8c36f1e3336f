package dev.claudefeatures.policy;

import java.util.OptionalDouble;

import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

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
}
