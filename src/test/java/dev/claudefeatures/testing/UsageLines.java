package dev.claudefeatures.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.StopReason;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.CostCalculator;
import dev.claudefeatures.telemetry.StdoutLines;
import dev.claudefeatures.telemetry.TelemetryConfig;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.TokenPrices;
import dev.claudefeatures.telemetry.UsageLog;

/**
 * Usage lines as the functions write them ({@link UsageLog}, content logging off), and the
 * CloudWatch Logs events that carry them, for tests of what reads them back.
 */
public final class UsageLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UsageLog LOG = new UsageLog(JSON, new StdoutLines(),
            TestConfig.with(Map.of(), TelemetryConfig.class).getConfigMapping(TelemetryConfig.class),
            dev.claudefeatures.messages.Provider.ANTHROPIC);

    private UsageLines() {
    }

    /** A succeeded call's record, its cost and net saving priced as {@code CallRecorder} prices them. */
    public static CallRecord record(String feature, String model, TokenCounts tokens, TokenPrices prices,
            String promptVersion) {
        return new CallRecord(feature, model, "req_" + Integer.toHexString(tokens.hashCode()), tokens,
                StopReason.END_TURN, Duration.ofMillis(900), 1, false, CostCalculator.costUsd(tokens, prices, null),
                CostCalculator.cacheSavingUsd(tokens, prices, null), null, false, promptVersion, null, 0, null);
    }

    public static String line(CallRecord record) {
        return LOG.line(record, () -> null, null);
    }

    /** The event {@code aws logs filter-log-events} returns for the line, received at {@code at}. */
    public static ObjectNode event(CallRecord record, Instant at) {
        return JSON.createObjectNode().put("timestamp", at.toEpochMilli()).put("message", line(record))
                .put("logStreamName", "2026/12/07/[$LATEST]0123456789abcdef").put("eventId", "3" + at.toEpochMilli());
    }
}
