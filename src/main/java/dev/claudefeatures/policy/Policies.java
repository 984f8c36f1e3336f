package dev.claudefeatures.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.claudefeatures.messages.AnthropicConfig;
import io.quarkus.runtime.Startup;

/**
 * The checked policies of all features. Built at start-up so that a bad policy stops the
 * application (and a Lambda's init) instead of failing its first user.
 */
@Startup
@Singleton
public class Policies {

    private final Map<String, FeaturePolicy> policies;

    @Inject
    public Policies(FeaturesConfig features, ModelCatalog catalog, AnthropicConfig anthropic) {
        List<String> problems = PolicyValidator.problems(features.features(), catalog.models(), anthropic.version(),
                resource -> classLoader().getResource(resource) != null);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid feature configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.policies = features.features().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> resolve(entry.getKey(), entry.getValue(), catalog)));
    }

    /** The policy of a feature; a feature without one is a programming error. */
    public FeaturePolicy of(String feature) {
        FeaturePolicy policy = policies.get(feature);
        if (policy == null) {
            throw new IllegalArgumentException("no policy for feature '" + feature + "' (features." + feature + ".*)");
        }
        return policy;
    }

    private static FeaturePolicy resolve(String name, FeaturesConfig.FeaturePolicy config, ModelCatalog catalog) {
        return new FeaturePolicy(name, config.model(), catalog.models().get(config.model()), config.maxTokens(),
                read(config.systemPrompt()), config.cache(), config.temperature(), config.maxInputChars());
    }

    private static String read(String resource) {
        try (InputStream in = classLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static ClassLoader classLoader() {
        return Thread.currentThread().getContextClassLoader();
    }
}
