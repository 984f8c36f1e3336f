package dev.claudefeatures.lambda;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.claudefeatures.policy.FeaturesConfig;
import io.quarkus.runtime.Startup;

/**
 * The feature a function serves, as its environment names it ({@code lambda.feature}, which
 * template.yaml sets per function): a name that is not configured stops the start-up, before any
 * rehearsal or invocation could find out. Unnamed (dev, tests), the function serves them all.
 */
@ApplicationScoped
@Startup
public class FunctionFeature {

    private final List<String> served;

    FunctionFeature(LambdaConfig config, FeaturesConfig features) {
        Optional<String> named = config.feature();
        if (named.isPresent() && !features.features().containsKey(named.get())) {
            throw new IllegalStateException("lambda.feature (LAMBDA_FEATURE) names " + named.get()
                    + ", which is not configured (features.<name>.*): one of " + features.features().keySet().stream().sorted().toList());
        }
        served = named.map(List::of).orElseGet(() -> features.features().keySet().stream().sorted().toList());
    }

    /** The features this function serves, by name: the one named, or every configured one. */
    List<String> served() {
        return served;
    }
}
