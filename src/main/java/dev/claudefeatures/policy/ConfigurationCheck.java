package dev.claudefeatures.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.BedrockRoute;
import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.policy.FeaturesConfig.Settings;
import dev.claudefeatures.policy.ModelCatalog.ModelSpec;
import dev.claudefeatures.telemetry.TelemetryConfig;

/**
 * Every rule the configuration must meet before the application may start, checked in one pass
 * so that one failed start names every key to fix: the features' policies, the model catalog,
 * the client's timings and the telemetry settings. Nothing here is left for a user's request to
 * find.
 */
final class ConfigurationCheck {

    /** The configuration as read, and a way to read a classpath resource (empty when it is missing). */
    record Inputs(Map<String, Settings> features, Map<String, ModelSpec> catalog, AnthropicConfig anthropic,
            TelemetryConfig telemetry, Function<String, Optional<String>> resources, ObjectMapper json) {
    }

    private ConfigurationCheck() {
    }

    static List<String> problems(Inputs in) {
        List<String> problems = new ArrayList<>();
        in.catalog().forEach((id, model) -> catalogProblems(id, model, problems));
        in.features().forEach((name, policy) -> featureProblems(name, policy, in, problems));
        in.features().forEach((name, policy) -> providerProblems(name, policy, in, problems));
        clientProblems(in.anthropic(), problems);
        telemetryProblems(in.telemetry(), problems);
        return problems;
    }

    private static void catalogProblems(String id, ModelSpec model, List<String> problems) {
        String key = "models." + id + ".";
        ModelCatalog.Prices prices = model.prices();
        Map<String, BigDecimal> priced = Map.of("prices.input", prices.input(), "prices.cache-write-5m",
                prices.cacheWrite5m(), "prices.cache-write-1h", prices.cacheWrite1h(), "prices.cache-read",
                prices.cacheRead(), "prices.output", prices.output());
        new TreeSet<>(priced.keySet()).forEach(name -> {
            if (priced.get(name).signum() < 0) {
                problems.add(key + name + ": must not be negative, is " + priced.get(name));
            }
        });
        if (model.minCacheableTokens() < 1) {
            problems.add(key + "min-cacheable-tokens: must be at least 1, is " + model.minCacheableTokens());
        }
        if (model.maxOutputTokens() < 1) {
            problems.add(key + "max-output-tokens: must be at least 1, is " + model.maxOutputTokens());
        }
    }

    private static void featureProblems(String name, Settings policy, Inputs in, List<String> problems) {
        String key = "features." + name + ".";
        ModelSpec model = in.catalog().get(policy.model());
        if (model == null) {
            problems.add(key + "model: '" + policy.model() + "' is not in the model catalog (models.<id>); known: "
                    + String.join(", ", new TreeSet<>(in.catalog().keySet())));
        }
        if (policy.maxTokens() < 1) {
            problems.add(key + "max-tokens: must be at least 1, is " + policy.maxTokens());
        } else if (model != null && policy.maxTokens() > model.maxOutputTokens()) {
            problems.add(key + "max-tokens: " + policy.maxTokens() + " exceeds the maximum output of "
                    + policy.model() + ", " + model.maxOutputTokens() + " (models." + policy.model()
                    + ".max-output-tokens)");
        }
        if (policy.maxInputChars() < 1) {
            problems.add(key + "max-input-chars: must be at least 1, is " + policy.maxInputChars());
        }
        if (policy.temperature().isPresent()) {
            if (!in.anthropic().version().acceptsSamplingParameters()) {
                problems.add(key + "temperature: API version " + in.anthropic().version().wireName()
                        + " (anthropic.version) does not accept temperature; remove it");
            } else if (model != null && !model.capabilities().temperature()) {
                problems.add(key + "temperature: " + policy.model() + " does not accept temperature (models."
                        + policy.model() + ".capabilities.temperature); remove it");
            }
        }
        String fiveMinutes = null;
        for (var prefix : CachePolicy.of(policy.cache()).inPrefixOrder().entrySet()) {
            if (prefix.getValue() == CacheMode.FIVE_MINUTES && fiveMinutes == null) {
                fiveMinutes = prefix.getKey();
            } else if (prefix.getValue() == CacheMode.ONE_HOUR && fiveMinutes != null) {
                problems.add(key + "cache." + prefix.getKey() + ": a 1h breakpoint cannot follow the 5m one on "
                        + fiveMinutes + " (the API refuses it); make " + fiveMinutes + " 1h or this one 5m");
            }
        }
        if (in.resources().apply(policy.systemPrompt()).isEmpty()) {
            problems.add(key + "system-prompt: no classpath resource '" + policy.systemPrompt() + "'");
        }
        Optional<JsonNode> schema = schemaProblems(name, policy, in, problems);
        enumProblems(key, policy, schema, problems);
        policy.escalation().ifPresent(escalation -> {
            ModelSpec stronger = in.catalog().get(escalation.model());
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
            } else if (schema.isPresent() && !isNumber(schema.get().path("properties").path(escalation.confidenceField()))) {
                problems.add(key + "escalation.confidence-field: '" + escalation.confidenceField()
                        + "' is not a number property of the schema " + policy.schema().get());
            }
        });
    }

    /** The schema, parsed and compiled, when the feature has one that is usable. */
    private static Optional<JsonNode> schemaProblems(String name, Settings policy, Inputs in,
            List<String> problems) {
        if (policy.schema().isEmpty()) {
            return Optional.empty();
        }
        String resource = policy.schema().get();
        Optional<String> text = in.resources().apply(resource);
        if (text.isEmpty()) {
            problems.add("features." + name + ".schema: no classpath resource '" + resource + "'");
            return Optional.empty();
        }
        try {
            JsonNode schema = in.json().readTree(text.get());
            if (schema == null || !schema.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            new SchemaCheck(name, schema);
            return Optional.of(schema);
        } catch (Exception e) {
            problems.add("features." + name + ".schema: '" + resource + "' is not a valid JSON Schema: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void enumProblems(String key, Settings policy, Optional<JsonNode> schema,
            List<String> problems) {
        policy.enums().forEach((property, values) -> {
            String enumKey = key + "enums." + property;
            if (policy.schema().isEmpty()) {
                problems.add(enumKey + ": the feature has no schema (" + key + "schema) to close");
                return;
            }
            if (schema.isPresent() && !"string".equals(schema.get().path("properties").path(property).path("type").asText())) {
                problems.add(enumKey + ": '" + property + "' is not a string property of the schema "
                        + policy.schema().get());
            }
            Set<String> seen = new HashSet<>();
            if (values.isEmpty() || values.stream().anyMatch(value -> value.isBlank() || !seen.add(value))) {
                problems.add(enumKey + ": needs one or more distinct, non-blank values, is " + values);
            }
        });
    }


    private static void clientProblems(AnthropicConfig anthropic, List<String> problems) {
        positive("anthropic.timeout", anthropic.timeout(), problems);
        positive("anthropic.connect-timeout", anthropic.connectTimeout(), problems);
        positive("anthropic.deadline", anthropic.deadline(), problems);
        if (anthropic.deadlineMargin().isNegative()) {
            problems.add("anthropic.deadline-margin: must not be negative, is " + anthropic.deadlineMargin());
        }
        if (anthropic.maxRetries() < 0) {
            problems.add("anthropic.max-retries: must not be negative, is " + anthropic.maxRetries());
        }
        Provider provider = anthropic.provider();
        if (provider.signsWithAws()) {
            String with = " with anthropic.provider=" + provider.configName();
            if (anthropic.aws().region().isEmpty()) {
                problems.add("anthropic.aws.region: required" + with + " (in Lambda, AWS_REGION sets it)");
            }
            if (provider == Provider.AWS && anthropic.aws().workspaceId().isEmpty()) {
                problems.add("anthropic.aws.workspace-id: required" + with + " (ANTHROPIC_AWS_WORKSPACE_ID), "
                        + "sent as anthropic-workspace-id");
            }
            if (anthropic.apiKeySecretId().isPresent()) {
                problems.add("anthropic.api-key-secret-id: not read" + with + ", which signs with the AWS "
                        + "credentials of the function's role; remove it");
            }
        }
    }

    /**
     * On Bedrock, each model a feature calls needs its Bedrock id, and InvokeModel takes no
     * top-level (automatic) cache breakpoint.
     */
    private static void providerProblems(String name, Settings policy, Inputs in, List<String> problems) {
        if (in.anthropic().provider() != Provider.BEDROCK) {
            return;
        }
        String key = "features." + name + ".";
        List<String> models = new ArrayList<>(List.of(policy.model()));
        policy.escalation().ifPresent(escalation -> models.add(escalation.model()));
        for (String id : models) {
            ModelSpec model = in.catalog().get(id);
            if (model == null) {
                continue; // named by the feature's own check
            }
            if (model.bedrock().isEmpty()) {
                problems.add("models." + id + ".bedrock.model-id: required with anthropic.provider=bedrock, which "
                        + key + (id.equals(policy.model()) ? "model" : "escalation.model") + " calls it on "
                        + "(Bedrock's model id or inference profile, e.g. global.anthropic." + id + ")");
            } else if (model.bedrock().get().route() == BedrockRoute.INVOKE
                    && CachePolicy.of(policy.cache()).automatic() != CacheMode.NONE) {
                problems.add(key + "cache.automatic: Bedrock's InvokeModel route (models." + id + ".bedrock.route) "
                        + "takes no top-level cache_control; mark the prefixes to cache (cache.system, "
                        + "cache.documents, cache.conversation) instead");
            }
        }
    }

    private static void telemetryProblems(TelemetryConfig telemetry, List<String> problems) {
        String namespace = telemetry.namespace();
        if (namespace.isBlank() || namespace.length() > 255 || namespace.startsWith("AWS/")
                || namespace.startsWith(":") || !namespace.matches("[\\x20-\\x7E]+")) {
            problems.add("telemetry.namespace: '" + namespace + "' is not a valid CloudWatch namespace (1 to 255 "
                    + "printable ASCII characters, not starting with 'AWS/' or ':')");
        }
        positive("telemetry.publish-timeout", telemetry.publishTimeout(), problems);
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isZero() || value.isNegative()) {
            problems.add(key + ": must be longer than 0, is " + value);
        }
    }

    private static boolean isNumber(JsonNode property) {
        String type = property.path("type").asText();
        return "number".equals(type) || "integer".equals(type);
    }
}
