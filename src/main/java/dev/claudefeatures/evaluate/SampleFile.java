package dev.claudefeatures.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a JSON Lines file of samples, one JSON object per line: the feature's request body as its
 * resource reads it ({@code {"text": "..."}}, {@code {"ticket": "..."}}, {@code documents} and
 * {@code question}, or {@code messages}), and optionally {@code expected}; and
 * reports every line that is not one with its number; the input itself is checked against the
 * feature's limits when its request is built, before anything is sent.
 */
final class SampleFile {

    private SampleFile() {
    }

    /** The samples of the good lines, and every bad line's problem with its number. */
    record Samples(List<Sample> samples, List<String> problems) {
    }

    static Samples read(Path file, ObjectMapper json) throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode line;
            try {
                line = json.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                problems.add(file + ":" + number + ": not a JSON object (" + malformed.getOriginalMessage() + ")");
                continue;
            }
            if (!line.isObject()) {
                problems.add(file + ":" + number + ": not a JSON object");
            } else if (line.size() == (line.has("expected") ? 1 : 0)) {
                problems.add(file + ":" + number + ": needs the feature's input: its request body's fields, "
                        + "e.g. {\"text\": \"...\"}, {\"documents\": [...], \"question\": \"...\"} or {\"messages\": [...]}");
            } else {
                samples.add(new Sample(number, line, line.hasNonNull("expected") ? line.get("expected") : null));
            }
        }
        if (samples.isEmpty() && problems.isEmpty()) {
            problems.add(file + ": no samples");
        }
        return new Samples(List.copyOf(samples), List.copyOf(problems));
    }
}
