package dev.claudefeatures.telemetry;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.Provider;

/**
 * One JSON line per call on stdout, not wrapped in a log record, so that CloudWatch Logs
 * Insights reads its fields directly: {@code stats sum(cost_usd) by feature, model}. It holds
 * token counts and identifiers; prompt and response text only when {@code telemetry.log-content}
 * is on; never an API key.
 */
@ApplicationScoped
public class UsageLog {

    /** The value of every usage line's {@code type} field, to filter them by. */
    public static final String TYPE = "claude_call";

    private final ObjectMapper json;
    private final StdoutLines out;
    private final boolean logContent;
    /** {@code anthropic.provider}: who served every call of this deployment. */
    private final String provider;

    @Inject
    public UsageLog(ObjectMapper json, StdoutLines out, TelemetryConfig config, AnthropicConfig anthropic) {
        this(json, out, config, anthropic.provider());
    }

    public UsageLog(ObjectMapper json, StdoutLines out, TelemetryConfig config, Provider provider) {
        this.json = json;
        this.out = out;
        this.logContent = config.logContent();
        this.provider = provider.configName();
    }

    /** @param prompt read only when content logging is on */
    void write(CallRecord record, Supplier<String> prompt, String response) {
        out.write(line(record, prompt, response));
    }

    /** The usage line of a call, as {@link #write} writes it; public for the tools that read these lines back. */
    public String line(CallRecord record, Supplier<String> prompt, String response) {
        ObjectNode line = json.createObjectNode()
                .put("type", TYPE)
                .put("feature", record.feature())
                .put("model", record.model())
                .put("provider", provider)
                .put("request_id", record.requestId())
                .put("input_tokens", record.tokens().input())
                .put("output_tokens", record.tokens().output())
                .put("cache_read_tokens", record.tokens().cacheRead())
                .put("cache_write_tokens", record.tokens().cacheWrite())
                .put("cache_write_5m_tokens", record.tokens().cacheWrite5m())
                .put("cache_write_1h_tokens", record.tokens().cacheWrite1h())
                .put("cost_usd", record.costUsd())
                .put("cache_saving_usd", record.cacheSavingUsd())
                .put("latency_ms", record.latency().toMillis())
                .put("stop_reason", record.stopReason() == null ? null : record.stopReason().wireName())
                .put("attempts", record.attempts())
                .put("escalation", record.escalation())
                .put("cache_ineffective", record.cacheIneffective())
                .put("prompt_version", record.promptVersion());
        if (record.failed()) {
            line.put("error_type", record.errorType());
        }
        if (record.timeToFirstToken() != null) {
            line.put("time_to_first_token_ms", record.timeToFirstToken().toMillis());
        }
        if (record.cacheMissReason() != null) {
            line.put("cache_miss_reason", record.cacheMissReason());
            line.put("cache_missed_input_tokens", record.cacheMissedInputTokens());
        }
        if (logContent) {
            line.put("prompt", prompt.get());
            line.put("response", response);
        }
        return line.toString();
    }
}
