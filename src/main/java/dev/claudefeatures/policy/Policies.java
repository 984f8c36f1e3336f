package dev.claudefeatures.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    public Policies(FeaturesConfig features, ModelCatalog catalog, AnthropicConfig anthropic, ObjectMapper json) {
        List<String> problems = PolicyValidator.problems(features.features(), catalog.models(), anthropic.version(),
                resource -> classLoader().getResource(resource) != null);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid feature configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.policies = features.features().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> resolve(entry.getKey(), entry.getValue(), catalog, json)));
    }

    /** The policy of a feature, if it has one: for resources that serve a family of features. */
    public Optional<FeaturePolicy> find(String feature) {
        return Optional.ofNullable(policies.get(feature));
    }

    /** The policy of a feature; a feature without one is a programming error. */
    public FeaturePolicy of(String feature) {
        FeaturePolicy policy = policies.get(feature);
        if (policy == null) {
            throw new IllegalArgumentException("no policy for feature '" + feature + "' (features." + feature + ".*)");
        }
        return policy;
    }

    private static FeaturePolicy resolve(String name, FeaturesConfig.FeaturePolicy config, ModelCatalog catalog,
            ObjectMapper json) {
        String key = "features." + name + ".";
        Optional<SchemaCheck> schema = config.schema().map(resource -> {
            try {
                return new SchemaCheck(name, json.readTree(read(resource)));
            } catch (Exception e) {
                throw new IllegalStateException(key + "schema: '" + resource + "' is not a valid JSON Schema: "
                        + e.getMessage(), e);
            }
        });
        Optional<Class<?>> outputType = config.outputType().map(className -> {
            try {
                return Class.forName(className, false, classLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(key + "output-type: no class " + className, e);
            }
        });
        Optional<FeaturePolicy.Escalation> escalation = config.escalation().map(e -> new FeaturePolicy.Escalation(
                e.model(), catalog.models().get(e.model()), e.belowConfidence(), e.confidenceField()));
        return new FeaturePolicy(name, config.model(), catalog.models().get(config.model()), config.maxTokens(),
                read(config.systemPrompt()), config.cache(), config.temperature(), config.maxInputChars(), schema,
                outputType, escalation);
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
