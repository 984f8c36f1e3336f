package dev.claudefeatures.telemetry;

import java.util.List;
import java.util.function.Function;

/**
 * The metric dimensions: a small fixed set whose values come from configuration (feature and
 * model names), never from user input or error messages, so the number of series stays bounded.
 */
public enum Dimension {
    FEATURE("Feature", CallRecord::feature),
    MODEL("Model", CallRecord::model),
    /** Why a cache prefix was missed; only on {@link MetricName#CACHE_MISSED_INPUT_TOKENS}. */
    REASON("Reason", CallRecord::cacheMissReason);

    /** Every metric is emitted for each of these: per feature and model, per feature, and overall. */
    public static final List<List<Dimension>> SETS = List.of(List.of(FEATURE, MODEL), List.of(FEATURE), List.of());

    /** The metrics by reason are emitted per feature and reason, and per reason. */
    public static final List<List<Dimension>> REASON_SETS = List.of(List.of(FEATURE, REASON), List.of(REASON));

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
