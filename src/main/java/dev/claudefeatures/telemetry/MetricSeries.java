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

    /** Every metric, for every dimension set, of these records; in a stable order. */
    public static List<MetricSeries> of(List<CallRecord> records) {
        List<MetricSeries> series = new ArrayList<>();
        collect(records, Dimension.SETS, MetricName.PER_CALL, series);
        List<CallRecord> missed = records.stream().filter(record -> record.cacheMissReason() != null).toList();
        collect(missed, Dimension.REASON_SETS, List.of(MetricName.CACHE_MISSED_INPUT_TOKENS), series);
        List<CallRecord> streamed = records.stream().filter(record -> record.timeToFirstToken() != null).toList();
        collect(streamed, Dimension.SETS, List.of(MetricName.TIME_TO_FIRST_TOKEN), series);
        return series;
    }

    private static void collect(List<CallRecord> records, List<List<Dimension>> sets, List<MetricName> metrics,
            List<MetricSeries> series) {
        for (List<Dimension> set : sets) {
            Map<Map<String, String>, List<CallRecord>> groups = new LinkedHashMap<>();
            for (CallRecord record : records) {
                Map<String, String> key = new LinkedHashMap<>();
                set.forEach(dimension -> key.put(dimension.wireName(), dimension.valueOf(record)));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
            }
            groups.forEach((dimensions, members) -> {
                for (MetricName metric : metrics) {
                    series.add(new MetricSeries(metric, Map.copyOf(dimensions),
                            members.stream().map(metric::valueOf).toList()));
                }
            });
        }
    }
}
