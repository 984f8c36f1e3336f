package dev.claudefeatures.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code template.yaml} as a test reads it. CloudFormation's short tags are read as the plain
 * values they tag ({@code !Ref X} as {@code X}); a value naming a parameter resolves to that
 * parameter's value, an {@code !If} of a simple condition to its branch.
 */
public final class SamTemplate {

    /** A CloudFormation metric: its namespace (resolved), name, and dimensions by name. */
    public record Metric(String namespace, String name, Map<String, String> dimensions, String unit) {
    }

    private final JsonNode root;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private SamTemplate(JsonNode root, Map<String, String> overrides) {
        this.root = root;
        root.path("Parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().path("Default").asText()));
        parameters.putAll(overrides);
    }

    public static SamTemplate read(Map<String, String> parameterOverrides) throws IOException {
        return new SamTemplate(new YAMLMapper().readTree(Files.readString(Path.of("template.yaml"))), parameterOverrides);
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    public JsonNode outputs() {
        return root.path("Outputs");
    }

    public JsonNode conditions() {
        return root.path("Conditions");
    }

    /** The names of the template's parameters, in their order. */
    public java.util.Set<String> parameterNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        root.path("Parameters").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A value with a parameter reference resolved; other values as they are. */
    public String resolve(JsonNode value) {
        if (value.isArray() && value.size() == 3 && conditions().has(value.get(0).asText())) {
            // !If [Condition, then, else]
            return resolve(truth(conditions().get(value.get(0).asText())) ? value.get(1) : value.get(2));
        }
        String text = value.asText();
        return parameters.getOrDefault(text, text);
    }

    /**
     * A condition, its tags read away: {@code !Not [x]} is a list of one, {@code !Equals [a, b]} a
     * list of two; nothing else is understood.
     */
    private boolean truth(JsonNode condition) {
        if (condition.isArray() && condition.size() == 1) {
            return !truth(condition.get(0));
        }
        if (condition.isArray() && condition.size() == 2) {
            return resolve(condition.get(0)).equals(resolve(condition.get(1)));
        }
        throw new IllegalArgumentException("a condition other than !Not or !Equals: " + condition);
    }

    /** {@code Globals.Function}: what every function gets unless it says otherwise. */
    public JsonNode globalFunction() {
        return root.path("Globals").path("Function");
    }

    public int functionMemoryMb() {
        return root.path("Globals").path("Function").path("MemorySize").asInt();
    }

    public int functionTimeoutSeconds() {
        return root.path("Globals").path("Function").path("Timeout").asInt();
    }

    /** The environment every function gets, parameters resolved; a variable that is {@code AWS::NoValue} is not set. */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        root.path("Globals").path("Function").path("Environment").path("Variables").fields()
                .forEachRemaining(variable -> {
                    String value = resolve(variable.getValue());
                    if (!value.equals("AWS::NoValue")) {
                        env.put(variable.getKey(), value);
                    }
                });
        return env;
    }

    /** Every metric the alarms watch, from a plain alarm or from the queries of a metric-math one. */
    public List<Metric> alarmMetrics() {
        List<Metric> metrics = new java.util.ArrayList<>();
        resources().fields().forEachRemaining(resource -> {
            if (!"AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            JsonNode properties = resource.getValue().path("Properties");
            if (properties.has("MetricName")) {
                metrics.add(metric(properties));
            }
            properties.path("Metrics").forEach(query -> {
                if (query.has("MetricStat")) {
                    metrics.add(metric(query.path("MetricStat").path("Metric")));
                }
            });
        });
        return metrics;
    }

    private Metric metric(JsonNode metric) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        metric.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), resolve(d.path("Value"))));
        return new Metric(resolve(metric.path("Namespace")), metric.path("MetricName").asText(), dimensions,
                metric.path("Unit").isMissingNode() ? null : metric.path("Unit").asText());
    }
}
