package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alarms and the dashboard of template.yaml watch only metrics and dimensions that the code
 * emits: a renamed metric must not leave an alarm silently watching nothing.
 */
class TemplateMetricsTest {

    private static final Set<String> EMITTED_METRICS = Arrays.stream(MetricName.values())
            .map(MetricName::wireName).collect(java.util.stream.Collectors.toSet());
    private static final Set<String> EMITTED_DIMENSIONS = Arrays.stream(Dimension.values())
            .map(Dimension::wireName).collect(java.util.stream.Collectors.toSet());
    /** Each metric under each dimension set it is emitted under, as "Name[Dim, ...]". */
    private static final Set<String> EMITTED_SERIES = Arrays.stream(MetricName.values())
            .flatMap(metric -> metric.dimensionSets().stream().map(set -> series(metric.wireName(),
                    set.stream().map(Dimension::wireName).toList())))
            .collect(java.util.stream.Collectors.toSet());
    /** SEARCH('{Namespace,Dim,...} MetricName="Name"', ...) */
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)\\}\\s*MetricName=\"([^\"]+)\"");

    private static JsonNode resources;

    /** Names used by the template: metric names and dimension names, per place. */
    private final Set<String> metrics = new LinkedHashSet<>();
    private final Set<String> dimensions = new LinkedHashSet<>();
    /** Metric and dimension-name pairs, as {@link #EMITTED_SERIES} spells them. */
    private final Set<String> watched = new LinkedHashSet<>();

    private static String series(String metric, java.util.Collection<String> dimensionNames) {
        return metric + new java.util.TreeSet<>(dimensionNames);
    }

    @BeforeAll
    static void readTemplate() throws IOException {
        // CloudFormation's short tags (!Ref, !Sub) are read as the plain values they tag.
        resources = new YAMLMapper().readTree(Files.readString(Path.of("template.yaml"))).path("Resources");
    }

    private static Iterable<Map.Entry<String, JsonNode>> resourcesOfType(String type) {
        Set<Map.Entry<String, JsonNode>> found = new LinkedHashSet<>();
        resources.fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.add(entry);
            }
        });
        return found;
    }

    @Test
    void alarmsNameOnlyEmittedMetricsAndDimensions() {
        Set<String> alarmed = new HashSet<>();
        for (Map.Entry<String, JsonNode> alarm : resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode properties = alarm.getValue().path("Properties");
            collectMetric(properties);
            properties.path("Metrics").forEach(query -> collectMetric(query.path("MetricStat").path("Metric")));
        }
        alarmed.addAll(metrics);

        assertThat(metrics).isSubsetOf(EMITTED_METRICS);
        assertThat(dimensions).isSubsetOf(EMITTED_DIMENSIONS);
        // An alarm on a metric under a dimension set it is not emitted under would watch nothing.
        assertThat(watched).isSubsetOf(EMITTED_SERIES).contains("CacheMissedInputTokens[Reason]",
                "EstimatedCostUSD[]", "EstimatedCostUSD[Feature]", "Calls[Feature]", "Errors[]",
                "CacheNetSavingUSD[Feature]");
        // The four alarms of the cost discipline are all there.
        assertThat(alarmed).contains("EstimatedCostUSD", "Calls", "MaxTokensStops", "Errors");
    }

    @Test
    void dashboardWidgetsNameOnlyEmittedMetricsAndDimensions() throws IOException {
        int widgets = 0;
        for (Map.Entry<String, JsonNode> dashboard : resourcesOfType("AWS::CloudWatch::Dashboard")) {
            String body = dashboard.getValue().path("Properties").path("DashboardBody").asText()
                    .replaceAll("\\$\\{AWS::Region}", "eu-west-1")
                    .replaceAll("\\$\\{MetricsNamespace}", "ClaudeFeatures");
            JsonNode parsed = new ObjectMapper().readTree(body);
            for (JsonNode widget : parsed.path("widgets")) {
                widgets++;
                for (JsonNode row : widget.path("properties").path("metrics")) {
                    collectDashboardRow(row);
                }
            }
        }

        assertThat(widgets).isGreaterThanOrEqualTo(6);
        assertThat(metrics).isSubsetOf(EMITTED_METRICS);
        assertThat(dimensions).isSubsetOf(EMITTED_DIMENSIONS);
        assertThat(watched).isSubsetOf(EMITTED_SERIES).contains("InputTokens[Feature]", "Latency[Feature]",
                "EstimatedCostUSD[Model]", "Retries[]", "CacheNetSavingUSD[Feature]");
        assertThat(metrics).contains("InputTokens", "CacheReadTokens", "CacheWriteTokens", "OutputTokens",
                "EstimatedCostUSD", "Latency", "Errors", "MaxTokensStops");
    }

    @Test
    void putMetricDataIsAllowedOnlyForTheNamespaceToEveryFunction() {
        JsonNode statement = null;
        for (JsonNode candidate : resources.path("FeatureFunctionPolicy").path("Properties").path("PolicyDocument")
                .path("Statement")) {
            if ("cloudwatch:PutMetricData".equals(candidate.path("Action").asText())) {
                statement = candidate;
            }
        }
        assertThat(statement).isNotNull();
        assertThat(statement.path("Condition").path("StringEquals").path("cloudwatch:namespace").asText())
                .isEqualTo("MetricsNamespace");
        int functions = 0;
        for (Map.Entry<String, JsonNode> function : resourcesOfType("AWS::Serverless::Function")) {
            if (function.getKey().equals("SpendBrakeFunction")) {
                continue; // it puts no metrics; TemplateSecurityTest checks its one permission
            }
            functions++;
            assertThat(function.getValue().path("Properties").path("Policies").toString())
                    .as(function.getKey()).isEqualTo("[\"FeatureFunctionPolicy\"]");
        }
        assertThat(functions).as("feature functions checked").isGreaterThanOrEqualTo(3);
    }

    private void collectMetric(JsonNode metric) {
        List<String> names = new ArrayList<>();
        metric.path("Dimensions").forEach(d -> names.add(d.path("Name").asText()));
        dimensions.addAll(names);
        if (metric.hasNonNull("MetricName")) {
            metrics.add(metric.path("MetricName").asText());
            watched.add(series(metric.path("MetricName").asText(), names));
        }
    }

    /** A row is {"expression": ...} or [namespace, metric, (dimension, value)*, {options}?]. */
    private void collectDashboardRow(JsonNode row) {
        if (row.size() == 1 && row.get(0).isObject()) {
            Matcher search = SEARCH.matcher(row.get(0).path("expression").asText());
            while (search.find()) {
                String[] schema = search.group(1).split(",");
                List<String> names = Arrays.asList(schema).subList(1, schema.length);
                dimensions.addAll(names);
                metrics.add(search.group(2));
                watched.add(series(search.group(2), names));
            }
            return;
        }
        metrics.add(row.get(1).asText());
        List<String> names = new ArrayList<>();
        for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
            names.add(row.get(i).asText());
        }
        dimensions.addAll(names);
        watched.add(series(row.get(1).asText(), names));
    }
}
