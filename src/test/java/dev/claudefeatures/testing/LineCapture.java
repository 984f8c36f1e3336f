package dev.claudefeatures.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.telemetry.Rehearsal;
import dev.claudefeatures.telemetry.StdoutLines;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusMock;

/**
 * Stands in for {@link StdoutLines} for the rest of one {@code @QuarkusTest} method and keeps the
 * usage and EMF lines the application writes.
 */
public final class LineCapture extends StdoutLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LineCapture(Rehearsal rehearsal) {
        super(rehearsal);
    }

    /**
     * Installs a capture of what the application writes (nothing during a rehearsal); Quarkus
     * puts the real writer back after the test method.
     */
    public static LineCapture install() {
        LineCapture capture = new LineCapture(Arc.container().instance(Rehearsal.class).get());
        QuarkusMock.installMockForType(capture, StdoutLines.class);
        return capture;
    }

    @Override
    protected void print(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines whose {@code type} field is {@code type}, parsed. */
    public List<JsonNode> ofType(String type) {
        return parsed().stream().filter(line -> type.equals(line.path("type").asText())).toList();
    }

    /** The raw text of the lines whose {@code type} field is {@code type}. */
    public List<String> rawOfType(String type) {
        return lines.stream().filter(line -> type.equals(parse(line).path("type").asText())).toList();
    }

    public List<JsonNode> parsed() {
        return lines.stream().map(LineCapture::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
