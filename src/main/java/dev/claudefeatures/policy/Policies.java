package dev.claudefeatures.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.telemetry.TelemetryConfig;
import io.quarkus.runtime.Startup;

/**
 * The checked policies of all features. Built at start-up, after {@link ConfigurationCheck} has
 * passed the whole configuration, so that a bad setting stops the application (and a Lambda's
 * init) instead of failing its first user.
 */
@Startup
@Singleton
public class Policies {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Policies.class);

    private final Map<String, FeaturePolicy> policies;

    @Inject
    public Policies(FeaturesConfig features, ModelCatalog catalog, AnthropicConfig anthropic, TelemetryConfig telemetry,
            ObjectMapper json) {
        List<String> problems = ConfigurationCheck.problems(new ConfigurationCheck.Inputs(features.features(),
                catalog.models(), anthropic, telemetry, Policies::read, json));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid configuration, " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
        this.policies = features.features().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> resolve(entry.getKey(), entry.getValue(), catalog, json)));
        policies.values().forEach(Policies::logCacheGaps);
    }

    /** Whether {@code feature} is configured under {@code features.*}. */
    public boolean configures(String feature) {
        return policies.containsKey(feature);
    }

    /** The policy of a feature; a feature without one is a programming error. */
    public FeaturePolicy of(String feature) {
        FeaturePolicy policy = policies.get(feature);
        if (policy == null) {
            throw new IllegalArgumentException("no policy for feature '" + feature + "' (features." + feature + ".*)");
        }
        return policy;
    }

    /** The names of all configured features. */
    public Set<String> features() {
        return policies.keySet();
    }

    private static FeaturePolicy resolve(String name, FeaturesConfig.Settings config, ModelCatalog catalog,
            ObjectMapper json) {
        Optional<SchemaCheck> schema = config.schema().map(resource -> {
            try {
                return new SchemaCheck(name, closed(json.readTree(read(resource).orElseThrow()), config.enums()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // checked by ConfigurationCheck: not reached
            }
        });
        Optional<FeaturePolicy.Escalation> escalation = config.escalation().map(e -> new FeaturePolicy.Escalation(
                e.model(), catalog.models().get(e.model()), e.belowConfidence(), e.confidenceField()));
        return new FeaturePolicy(name, config.model(), catalog.models().get(config.model()), config.maxTokens(),
                read(config.systemPrompt()).orElseThrow().strip(), CachePolicy.of(config.cache()), config.temperature(),
                config.maxInputChars(), schema, escalation);
    }


    /**
     * The cache breakpoints a feature's requests can get, by configuration key
     * ({@code features.<name>.cache.<key>}) in prefix order: each configured other than
     * {@code none} whose prefix is not below the model's minimum whatever the input. Empty for a
     * feature that never writes to the cache, so has nothing to gain or lose by it.
     */
    public Map<String, CacheMode> placedBreakpoints(String feature) {
        FeaturePolicy policy = of(feature);
        Map<String, String> gaps = CachePlanner.staticGapsByPrefix(policy, toolTokens(policy));
        Map<String, CacheMode> placed = new LinkedHashMap<>();
        policy.cache().inPrefixOrder().forEach((key, mode) -> {
            if (mode != CacheMode.NONE && !gaps.containsKey(key)) {
                placed.put(key, mode);
            }
        });
        return placed;
    }

    /** Says once, at start-up, which configured breakpoints no request of a feature will get. */
    private static void logCacheGaps(FeaturePolicy policy) {
        for (String gap : CachePlanner.staticGaps(policy, toolTokens(policy))) {
            LOG.infof("features.%s.cache: no breakpoint after the %s", policy.feature(), gap);
        }
    }

    /** The estimated size of the tools before the system prompt: a structured feature's answer tool. */
    private static int toolTokens(FeaturePolicy policy) {
        return policy.schema().filter(schema -> StructuredOutputMode.of(policy.modelSpec()).usesTool())
                .map(schema -> CachePlanner.estimatedTokens(schema.wireSchema().toString()))
                .orElse(0);
    }

    /** The schema with each configured property's values as its {@code enum}. */
    private static JsonNode closed(JsonNode schema, Map<String, List<String>> enums) {
        enums.forEach((property, values) -> {
            ArrayNode allowed = ((ObjectNode) schema.path("properties").path(property)).putArray("enum");
            values.forEach(allowed::add);
        });
        return schema;
    }

    private static Optional<String> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
