package dev.claudefeatures.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.policy.FeaturesConfig.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

/**
 * The rules a feature policy must meet before the application may start. Each problem names the
 * configuration key to fix.
 */
final class PolicyValidator {

    private PolicyValidator() {
    }

    static List<String> problems(Map<String, FeaturePolicy> features, Map<String, ModelSpec> catalog,
            ApiVersion version, Predicate<String> resourceExists) {
        List<String> problems = new ArrayList<>();
        features.forEach((name, policy) -> {
            String key = "features." + name + ".";
            ModelSpec model = catalog.get(policy.model());
            if (model == null) {
                problems.add(key + "model: '" + policy.model() + "' is not in the model catalog (models.<id>); known: "
                        + String.join(", ", new TreeSet<>(catalog.keySet())));
            }
            if (policy.maxTokens() < 1) {
                problems.add(key + "max-tokens: must be at least 1, is " + policy.maxTokens());
            } else if (model != null && policy.maxTokens() > model.maxOutputTokens()) {
                problems.add(key + "max-tokens: " + policy.maxTokens() + " exceeds the maximum output of "
                        + policy.model() + ", " + model.maxOutputTokens() + " (models." + policy.model()
                        + ".max-output-tokens)");
            }
            if (policy.temperature().isPresent()) {
                if (!version.acceptsSamplingParameters()) {
                    problems.add(key + "temperature: API version " + version.wireName()
                            + " (anthropic.version) does not accept temperature; remove it");
                } else if (model != null && !model.capabilities().temperature()) {
                    problems.add(key + "temperature: " + policy.model() + " does not accept temperature (models."
                            + policy.model() + ".capabilities.temperature); remove it");
                }
            }
            if (!resourceExists.test(policy.systemPrompt())) {
                problems.add(key + "system-prompt: no classpath resource '" + policy.systemPrompt() + "'");
            }
            policy.schema().filter(schema -> !resourceExists.test(schema))
                    .ifPresent(schema -> problems.add(key + "schema: no classpath resource '" + schema + "'"));
            policy.escalation().ifPresent(escalation -> {
                ModelSpec stronger = catalog.get(escalation.model());
                if (stronger == null) {
                    problems.add(key + "escalation.model: '" + escalation.model()
                            + "' is not in the model catalog (models.<id>)");
                } else if (policy.maxTokens() > stronger.maxOutputTokens()) {
                    problems.add(key + "max-tokens: " + policy.maxTokens() + " exceeds the maximum output of the "
                            + "escalation model " + escalation.model() + ", " + stronger.maxOutputTokens());
                }
                if (escalation.belowConfidence() <= 0 || escalation.belowConfidence() > 1) {
                    problems.add(key + "escalation.below-confidence: must be in (0, 1], is "
                            + escalation.belowConfidence());
                }
                if (policy.schema().isEmpty()) {
                    problems.add(key + "escalation: needs a schema whose answer holds '"
                            + escalation.confidenceField() + "' (features." + name + ".schema)");
                }
            });
        });
        return problems;
    }
}
