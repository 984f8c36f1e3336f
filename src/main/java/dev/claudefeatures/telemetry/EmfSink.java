package dev.claudefeatures.telemetry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes metrics as CloudWatch Embedded Metric Format: one JSON object per stdout line, per
 * feature and model of the invocation, declaring all three dimension sets, so CloudWatch extracts
 * the same metrics as {@link CloudWatchSink} sends, from the log, with no API call.
 */
final class EmfSink implements MetricSink {

    /** EMF's limit of values in one metric array. */
    static final int MAX_VALUES = 100;

    private final String namespace;
    private final Clock clock;
    private final ObjectMapper json;
    private final StdoutLines out;

    EmfSink(String namespace, Clock clock, ObjectMapper json, StdoutLines out) {
        this.namespace = namespace;
        this.clock = clock;
        this.json = json;
        this.out = out;
    }

    @Override
    public void publish(List<CallRecord> records) {
        lines(records).forEach(out::write);
    }

    List<String> lines(List<CallRecord> records) {
        Map<List<String>, List<CallRecord>> groups = new LinkedHashMap<>();
        records.forEach(r -> groups.computeIfAbsent(List.of(r.feature(), r.model()), k -> new ArrayList<>()).add(r));
        List<String> lines = new ArrayList<>();
        groups.forEach((key, members) -> {
            for (int from = 0; from < members.size(); from += MAX_VALUES) {
                lines.add(line(members.subList(from, Math.min(members.size(), from + MAX_VALUES)), Dimension.SETS,
                        MetricName.PER_CALL));
            }
        });
        // Cache misses by reason: a document of their own, since a root holds one value per dimension.
        Map<List<String>, List<CallRecord>> missed = new LinkedHashMap<>();
        records.stream().filter(r -> r.cacheMissReason() != null).forEach(
                r -> missed.computeIfAbsent(List.of(r.feature(), r.cacheMissReason()), k -> new ArrayList<>()).add(r));
        missed.forEach((key, members) -> {
            for (int from = 0; from < members.size(); from += MAX_VALUES) {
                lines.add(line(members.subList(from, Math.min(members.size(), from + MAX_VALUES)),
                        Dimension.REASON_SETS, List.of(MetricName.CACHE_MISSED_INPUT_TOKENS)));
            }
        });
        // Time to first token: streamed calls only, so that no other call adds a zero to its percentiles.
        Map<List<String>, List<CallRecord>> streamed = new LinkedHashMap<>();
        records.stream().filter(r -> r.timeToFirstToken() != null).forEach(
                r -> streamed.computeIfAbsent(List.of(r.feature(), r.model()), k -> new ArrayList<>()).add(r));
        streamed.forEach((key, members) -> {
            for (int from = 0; from < members.size(); from += MAX_VALUES) {
                lines.add(line(members.subList(from, Math.min(members.size(), from + MAX_VALUES)), Dimension.SETS,
                        List.of(MetricName.TIME_TO_FIRST_TOKEN)));
            }
        });
        return lines;
    }

    private String line(List<CallRecord> records, List<List<Dimension>> dimensionSets, List<MetricName> metricNames) {
        ObjectNode root = json.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        java.util.Set<Dimension> used = new java.util.LinkedHashSet<>();
        for (List<Dimension> set : dimensionSets) {
            ArrayNode names = sets.addArray();
            set.forEach(dimension -> names.add(dimension.wireName()));
            used.addAll(set);
        }
        ArrayNode metrics = directive.putArray("Metrics");
        for (Dimension dimension : used) {
            root.put(dimension.wireName(), dimension.valueOf(records.get(0)));
        }
        for (MetricName metric : metricNames) {
            metrics.addObject().put("Name", metric.wireName()).put("Unit", metric.unit().wireName());
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
