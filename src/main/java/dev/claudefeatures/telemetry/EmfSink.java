package dev.claudefeatures.telemetry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.Provider;

/**
 * Writes metrics as CloudWatch Embedded Metric Format: JSON objects, one per stdout line, that
 * declare each metric under the dimension sets {@link MetricName} gives it, so CloudWatch extracts
 * the same series as {@link CloudWatchSink} sends, from the log, with no API call.
 */
final class EmfSink implements MetricSink {

    /** EMF's limit of values in one metric array. */
    static final int MAX_VALUES = 100;

    private final String namespace;
    private final Clock clock;
    private final ObjectMapper json;
    private final StdoutLines out;
    /** A property of every document, not a dimension: it adds no metric series. */
    private final String provider;

    EmfSink(String namespace, Clock clock, ObjectMapper json, StdoutLines out) {
        this(namespace, clock, json, out, Provider.ANTHROPIC);
    }

    EmfSink(String namespace, Clock clock, ObjectMapper json, StdoutLines out, Provider provider) {
        this.provider = provider.configName();
        this.namespace = namespace;
        this.clock = clock;
        this.json = json;
        this.out = out;
    }

    @Override
    public void publish(List<CallRecord> records) {
        lines(records).forEach(out::write);
    }

    /** Publishes: {@link StdoutLines} writes nothing during a rehearsal. */
    @Override
    public void rehearse(List<CallRecord> records) {
        publish(records);
    }

    /**
     * One document per scope and per value of the dimensions its metrics use (for every call: per
     * feature and model), each declaring one directive per distinct list of dimension sets.
     */
    List<String> lines(List<CallRecord> records) {
        List<String> lines = new ArrayList<>();
        for (MetricName.Scope scope : MetricName.Scope.values()) {
            List<MetricName> metrics = scope.metrics();
            Set<Dimension> dimensions = scope.dimensions();
            // A root holds one value per dimension: records that differ in one go to documents of their own.
            Map<List<String>, List<CallRecord>> groups = new LinkedHashMap<>();
            records.stream().filter(scope::includes).forEach(record -> groups.computeIfAbsent(
                    dimensions.stream().map(dimension -> dimension.valueOf(record)).toList(),
                    k -> new ArrayList<>()).add(record));
            groups.values().forEach(members -> {
                for (int from = 0; from < members.size(); from += MAX_VALUES) {
                    lines.add(line(members.subList(from, Math.min(members.size(), from + MAX_VALUES)), dimensions,
                            metrics));
                }
            });
        }
        return lines;
    }

    private String line(List<CallRecord> records, Set<Dimension> dimensions, List<MetricName> metrics) {
        ObjectNode root = json.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        Map<List<List<Dimension>>, List<MetricName>> bySets = new LinkedHashMap<>();
        metrics.forEach(metric -> bySets.computeIfAbsent(metric.dimensionSets(), k -> new ArrayList<>()).add(metric));
        bySets.forEach((sets, declared) -> {
            ObjectNode directive = directives.addObject();
            directive.put("Namespace", namespace);
            ArrayNode names = directive.putArray("Dimensions");
            sets.forEach(set -> {
                ArrayNode members = names.addArray();
                set.forEach(dimension -> members.add(dimension.wireName()));
            });
            ArrayNode declarations = directive.putArray("Metrics");
            declared.forEach(metric -> declarations.addObject().put("Name", metric.wireName())
                    .put("Unit", metric.unit().wireName()));
        });
        for (Dimension dimension : dimensions) {
            root.put(dimension.wireName(), dimension.valueOf(records.get(0)));
        }
        root.put("provider", provider);
        for (MetricName metric : metrics) {
            if (records.size() == 1) {
                root.put(metric.wireName(), metric.valueOf(records.get(0)));
            } else {
                ArrayNode values = root.putArray(metric.wireName());
                records.forEach(record -> values.add(metric.valueOf(record)));
            }
        }
        return root.toString();
    }
}
