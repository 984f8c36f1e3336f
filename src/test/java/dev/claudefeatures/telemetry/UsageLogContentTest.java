package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.TestConfig;

/** With {@code telemetry.log-content=true} the usage line carries the prompt and the response; without it, neither. */
class UsageLogContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> written(boolean logContent) throws Exception {
        return written(logContent, dev.claudefeatures.messages.Provider.ANTHROPIC);
    }

    private static List<JsonNode> written(boolean logContent, dev.claudefeatures.messages.Provider provider)
            throws Exception {
        List<String> lines = new ArrayList<>();
        TelemetryConfig config = TestConfig.with(Map.of("telemetry.log-content", Boolean.toString(logContent)),
                TelemetryConfig.class).getConfigMapping(TelemetryConfig.class);
        UsageLog log = new UsageLog(JSON, new StdoutLines() {
            @Override
            public void write(String line) {
                lines.add(line);
            }
        }, config, provider);

        log.write(MetricValuesTest.STOPPED, () -> "Ship the blue order first.", "Blue order first.");

        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    @Test
    void theUsageLineNamesItsProvider() throws Exception {
        assertThat(written(false).get(0).path("provider").asText()).isEqualTo("anthropic");
        assertThat(written(false, dev.claudefeatures.messages.Provider.BEDROCK).get(0).path("provider").asText())
                .isEqualTo("bedrock");
    }

    @Test
    void theUsageLineCarriesPromptAndResponseTextWhenConfigured() throws Exception {
        assertThat(written(true)).singleElement().satisfies(line -> {
            assertThat(line.path("prompt").asText()).isEqualTo("Ship the blue order first.");
            assertThat(line.path("response").asText()).isEqualTo("Blue order first.");
        });
    }

    @Test
    void withoutContentLoggingTheLineHasTheRecordButNoText() throws Exception {
        assertThat(written(false)).singleElement().satisfies(line -> {
            assertThat(line.has("prompt")).isFalse();
            assertThat(line.has("response")).isFalse();
            assertThat(line.path("type").asText()).isEqualTo(UsageLog.TYPE);
            assertThat(line.path("input_tokens").asInt()).isEqualTo(101);
            assertThat(line.path("cache_write_5m_tokens").asInt()).isEqualTo(30);
            assertThat(line.path("cache_write_1h_tokens").asInt()).isEqualTo(4);
            assertThat(line.path("latency_ms").asLong()).isEqualTo(1234);
            assertThat(line.path("stop_reason").asText()).isEqualTo("max_tokens");
            assertThat(line.path("attempts").asInt()).isEqualTo(3);
            assertThat(line.path("escalation").asBoolean()).isTrue();
            assertThat(line.has("error_type")).isFalse();
        });
    }
}
