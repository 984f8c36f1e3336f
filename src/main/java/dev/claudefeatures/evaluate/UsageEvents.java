package dev.claudefeatures.evaluate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.UsageLog;

/**
 * Reads usage lines as CloudWatch Logs returns them: the output of {@code aws logs
 * filter-log-events --output json} (an object whose {@code events} array holds
 * {@code {"timestamp": <epoch ms>, "message": "<usage line>"}}), or the same events one JSON object
 * a line. An event that is not a readable usage line is reported with its number and skipped.
 */
final class UsageEvents {

    /** The calls read, and what could not be read, each with its event or line number. */
    record Parsed(List<UsageCall> calls, List<String> problems) {
    }

    private static final List<String> NUMBERS = List.of("input_tokens", "output_tokens", "cache_read_tokens",
            "cache_write_5m_tokens", "cache_write_1h_tokens", "cost_usd");

    private UsageEvents() {
    }

    static Parsed read(Path file, ObjectMapper json) throws IOException {
        String content = Files.readString(file);
        List<UsageCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode whole = wholeDocument(content, json);
        if (whole != null && whole.has("events")) {
            int number = 0;
            for (JsonNode event : whole.path("events")) {
                number++;
                read(event, file + ": event " + number, json, calls, problems);
            }
            return new Parsed(calls, problems);
        }
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            try {
                read(json.readTree(lines[i]), where, json, calls, problems);
            } catch (JsonProcessingException notJson) {
                problems.add(where + ": not a JSON object");
            }
        }
        return new Parsed(calls, problems);
    }

    /** The file's one JSON object with an {@code events} array, or null (then it holds one event a line). */
    private static JsonNode wholeDocument(String content, ObjectMapper json) {
        try (MappingIterator<JsonNode> values = json.readerFor(JsonNode.class).readValues(content)) {
            JsonNode first = values.hasNextValue() ? values.nextValue() : null;
            return first != null && first.path("events").isArray() && !values.hasNextValue() ? first : null;
        } catch (IOException notOneDocument) {
            return null;
        }
    }

    private static void read(JsonNode event, String where, ObjectMapper json, List<UsageCall> calls,
            List<String> problems) {
        if (!event.path("timestamp").canConvertToLong() || !event.path("message").isTextual()) {
            problems.add(where + ": not an event with a numeric timestamp and a message");
            return;
        }
        JsonNode line;
        try {
            line = json.readTree(event.path("message").asText());
        } catch (JsonProcessingException notJson) {
            problems.add(where + ": the message is not a JSON usage line");
            return;
        }
        if (line == null || !UsageLog.TYPE.equals(line.path("type").asText())) {
            problems.add(where + ": not a usage line (type is not " + UsageLog.TYPE + ")");
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("feature", "model", "prompt_version")) {
            if (!line.path(field).isTextual()) {
                missing.add(field);
            }
        }
        NUMBERS.stream().filter(field -> !line.path(field).isNumber()).forEach(missing::add);
        if (!missing.isEmpty()) {
            problems.add(where + ": the usage line lacks " + String.join(", ", missing));
            return;
        }
        TokenCounts tokens = new TokenCounts(line.path("input_tokens").asInt(), line.path("cache_read_tokens").asInt(),
                line.path("cache_write_5m_tokens").asInt(), line.path("cache_write_1h_tokens").asInt(),
                line.path("output_tokens").asInt());
        BigDecimal saving = line.path("cache_saving_usd").isNumber() ? line.path("cache_saving_usd").decimalValue()
                : null;
        calls.add(new UsageCall(Instant.ofEpochMilli(event.path("timestamp").asLong()), line.path("feature").asText(),
                line.path("model").asText(), line.path("prompt_version").asText(), tokens,
                line.path("cost_usd").decimalValue(), saving));
    }
}
