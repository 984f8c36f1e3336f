package dev.claudefeatures.telemetry;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The metrics emitted for every call, each with its unit and how it is read off a record. */
public enum MetricName {
    INPUT_TOKENS("InputTokens", Unit.COUNT, r -> r.tokens().input()),
    CACHE_READ_TOKENS("CacheReadTokens", Unit.COUNT, r -> r.tokens().cacheRead()),
    CACHE_WRITE_TOKENS("CacheWriteTokens", Unit.COUNT, r -> r.tokens().cacheWrite()),
    OUTPUT_TOKENS("OutputTokens", Unit.COUNT, r -> r.tokens().output()),
    ESTIMATED_COST_USD("EstimatedCostUSD", Unit.NONE, r -> r.costUsd().doubleValue()),
    LATENCY("Latency", Unit.MILLISECONDS, r -> r.latency().toNanos() / 1_000_000.0),
    CALLS("Calls", Unit.COUNT, r -> 1),
    ERRORS("Errors", Unit.COUNT, r -> r.failed() ? 1 : 0),
    MAX_TOKENS_STOPS("MaxTokensStops", Unit.COUNT, r -> r.stoppedAtMaxTokens() ? 1 : 0),
    RETRIES("Retries", Unit.COUNT, CallRecord::retries),
    ESCALATIONS("Escalations", Unit.COUNT, r -> r.escalation() ? 1 : 0),
    CACHE_INEFFECTIVE("CacheIneffective", Unit.COUNT, r -> r.cacheIneffective() ? 1 : 0),
    /** Only for calls whose answer gave a cache-miss reason, under {@link Dimension#REASON_SETS}. */
    CACHE_MISSED_INPUT_TOKENS("CacheMissedInputTokens", Unit.COUNT, CallRecord::cacheMissedInputTokens),
    /** Only for streamed calls that sent text, under {@link Dimension#SETS}. */
    TIME_TO_FIRST_TOKEN("TimeToFirstToken", Unit.MILLISECONDS, r -> r.timeToFirstToken().toNanos() / 1_000_000.0);

    /** The metrics every call emits under {@link Dimension#SETS}. */
    public static final List<MetricName> PER_CALL = java.util.Arrays.stream(values())
            .filter(metric -> metric != CACHE_MISSED_INPUT_TOKENS && metric != TIME_TO_FIRST_TOKEN).toList();

    /** CloudWatch units, with their wire names. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        NONE("None");

        private final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final String wireName;
    private final Unit unit;
    private final ToDoubleFunction<CallRecord> value;

    MetricName(String wireName, Unit unit, ToDoubleFunction<CallRecord> value) {
        this.wireName = wireName;
        this.unit = unit;
        this.value = value;
    }

    public String wireName() {
        return wireName;
    }

    public Unit unit() {
        return unit;
    }

    public double valueOf(CallRecord record) {
        return value.applyAsDouble(record);
    }
}
