package dev.claudefeatures.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric under one set of dimension values, with the values of every record that falls
 * under it: the records of an invocation folded into as few data points as CloudWatch allows.
 */
public record MetricSeries(MetricName metric, Map<String, String> dimensions, List<Double> values) {

    /** Every metric, under each of its dimension sets, of the records in its scope; in a stable order. */
    public static List<MetricSeries> of(List<CallRecord> records) {
        List<MetricSeries> series = new ArrayList<>();
        for (MetricName metric : MetricName.values()) {
            List<CallRecord> inScope = records.stream().filter(metric.scope()::includes).toList();
            for (List<Dimension> set : metric.dimensionSets()) {
                Map<Map<String, String>, List<Double>> groups = new LinkedHashMap<>();
                for (CallRecord record : inScope) {
                    Map<String, String> key = new LinkedHashMap<>();
                    set.forEach(dimension -> key.put(dimension.wireName(), dimension.valueOf(record)));
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(metric.valueOf(record));
                }
                groups.forEach((dimensions, values) ->
                        series.add(new MetricSeries(metric, Map.copyOf(dimensions), List.copyOf(values))));
            }
        }
        return series;
    }
}
