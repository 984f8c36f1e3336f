package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.TokenPrices;
import dev.claudefeatures.testing.TestConfig;
import dev.claudefeatures.testing.UsageLines;

/**
 * {@code cache-advice} end to end, on files written here in both shapes CloudWatch Logs gives:
 * the output of {@code aws logs filter-log-events --output json}, and one event a line; the
 * usage lines in them are those the functions write.
 */
class CacheAdviceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-sonnet-4-6";
    private static final TokenPrices PRICES = FeaturePolicy.prices(TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class).models().get(MODEL), dev.claudefeatures.messages.Provider.ANTHROPIC);
    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
    private static final int PLAYBOOK = 4_100;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> options) throws Exception {
        return new CacheAdviceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(options, Map.of());
    }

    /** A support-reply call that wrote the playbook to a 5m cache, or read it. */
    private static CallRecord call(boolean read) {
        TokenCounts tokens = read ? new TokenCounts(60, PLAYBOOK, 0, 0, 250) : new TokenCounts(60, 0, PLAYBOOK, 0, 250);
        return UsageLines.record("support-reply", MODEL, tokens, PRICES, "3f9a0c1d2e4b");
    }

    @Test
    void onTheOutputOfFilterLogEventsACallEverySevenMinutesIsAdvisedTheHourLongTtl() throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < 12; i++) {
            events.add(UsageLines.event(call(false), START.plus(Duration.ofMinutes(7L * i))));
        }
        events.insert(4, JSON.createObjectNode().put("timestamp", "yesterday").put("message", "{}"));
        ObjectNode output = JSON.createObjectNode();
        output.set("events", events);
        output.putArray("searchedLogStreams");
        Path file = dir.resolve("events.json");
        Files.writeString(file, output.toPrettyString());

        int status = run(Map.of("events", file.toString()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ": event 5: not an event with a numeric timestamp");
        assertThat(printed).contains("support-reply on claude-sonnet-4-6, prompt version 3f9a0c1d2e4b: 12 calls, "
                + "2026-12-07T08:00:00Z to 2026-12-07T09:17:00Z")
                .contains("gaps between calls: p50 7m00s, p90 7m00s, max 7m00s; under 5m 0, 5m to 1h 11, over 1h 0")
                .contains("cache now: 12 writes, 0 reads")
                .containsPattern("1h +1 +11 +[0-9.]+   <- cheapest")
                .contains("set features.support-reply.cache.system=1h");
        // the net saving of the lines: twelve 5m writes, each 4,100 x 0.75 / 1e6 USD over plain input
        assertThat(printed).contains("net saving of caching -0.0369 USD");
    }

    @Test
    void oneEventALineACallAMinuteKeepsTheFiveMinuteTtlAndABadLineIsNamedByItsNumber() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(UsageLines.event(call(i > 0), START.plus(Duration.ofMinutes(i))).toString());
        }
        lines.add(2, "{\"timestamp\": 1765094400000, \"message\": \"not json\"");
        lines.add(5, "{\"timestamp\": 1765094400000, \"message\": \"{\\\"type\\\":\\\"other\\\"}\"}");
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");

        int status = run(Map.of("events", file.toString(), "feature", "support-reply"));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Skipped 2:")
                .contains(file + ":3: not a JSON object").contains(file + ":6: not a usage line");
        assertThat(printed).contains(": 30 calls,").contains("cache now: 1 writes, 29 reads")
                .containsPattern("5m +1 +29 +[0-9.]+   <- cheapest")
                .contains("set features.support-reply.cache.system=5m");
    }

    @Test
    void noUsageLineOfTheFeatureIsBadInput() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, UsageLines.event(call(false), START).toString() + "\n");

        assertThat(run(Map.of("events", file.toString(), "feature", "chat"))).isEqualTo(CacheAdviceCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no usage line of chat to advise on");
        assertThat(run(Map.of())).isEqualTo(CacheAdviceCommand.BAD_INPUT);
    }
}
