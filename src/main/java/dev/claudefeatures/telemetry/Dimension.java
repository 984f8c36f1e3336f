package dev.claudefeatures.telemetry;

import java.util.List;
import java.util.function.Function;

/**
 * The metric dimensions: a small fixed set whose values come from configuration (feature and
 * model names) or from the API's own short list of cache-miss reasons, never from user input or
 * error messages, so the number of series stays bounded.
 *
 * <p>Every distinct metric name and dimension values is a CloudWatch series billed by the month,
 * so each metric is emitted only under the sets that an alarm or the dashboard reads
 * (docs/OBSERVABILITY.md, "The cost of watching the cost"); the rest is left to the usage line and Logs Insights.
 */
public enum Dimension {
    FEATURE("Feature", CallRecord::feature),
    MODEL("Model", CallRecord::model),
    /** Why a cache prefix was missed; only on {@link MetricName#CACHE_MISSED_INPUT_TOKENS}. */
    REASON("Reason", CallRecord::cacheMissReason);

    /** Overall only: alarms and dashboard widgets that watch the whole stack. */
    public static final List<List<Dimension>> OVERALL = List.of(List.of());
    /** Per feature only: dashboard widgets that break a metric down by feature. */
    public static final List<List<Dimension>> PER_FEATURE = List.of(List.of(FEATURE));
    /** Per feature and overall: watched by per-feature and by stack-wide alarms alike. */
    public static final List<List<Dimension>> PER_FEATURE_AND_OVERALL = List.of(List.of(FEATURE), List.of());
    /** The cost also per model: what escalations to a dearer model add, for M more series, not F x M. */
    public static final List<List<Dimension>> PER_FEATURE_PER_MODEL_AND_OVERALL =
            List.of(List.of(FEATURE), List.of(MODEL), List.of());
    /** Per cache-miss reason: the prompt- and tool-change alarm. */
    public static final List<List<Dimension>> PER_REASON = List.of(List.of(REASON));

    private final String wireName;
    private final Function<CallRecord, String> value;

    Dimension(String wireName, Function<CallRecord, String> value) {
        this.wireName = wireName;
        this.value = value;
    }

    public String wireName() {
        return wireName;
    }

    public String valueOf(CallRecord record) {
        return value.apply(record);
    }
}
