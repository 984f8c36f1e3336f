package dev.claudefeatures.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated message as the API streams it ({@code stream: true}): {@code message_start} with
 * empty content and the input usage, a {@code ping}, then per block its start, deltas of a few
 * characters (text, thinking and its signature, or the tool input's JSON in pieces) and stop, then
 * {@code message_delta} with the stop reason and output usage, and {@code message_stop}.
 * A {@link Fault#streamBreak()} ends it midway, after the first text has gone out: with an
 * {@code error} event, or cut off without {@code message_stop}.
 */
final class StreamFrames {

    /** Characters of text per delta: a few words, as the API sends them. */
    static final int CHUNK = 12;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamFrames() {
    }

    /** The SSE frames of {@code message}, each one whole event ending in a blank line. */
    static List<String> of(ObjectNode message, String streamBreak) {
        List<String> frames = new ArrayList<>();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        ObjectNode startUsage = (ObjectNode) start.path("usage");
        startUsage.put("output_tokens", 1);
        frames.add(frame("message_start", NODES.objectNode().put("type", "message_start").set("message", start)));
        frames.add(frame("ping", NODES.objectNode().put("type", "ping")));
        JsonNode content = message.path("content");
        for (int index = 0; index < content.size(); index++) {
            addBlock(frames, index, content.get(index));
        }
        ObjectNode delta = NODES.objectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", message.path("stop_reason").asText())
                .set("stop_sequence", message.path("stop_sequence"));
        ((ObjectNode) delta.path("delta")).set("stop_details", message.path("stop_details"));
        delta.set("usage", message.path("usage"));
        frames.add(frame("message_delta", delta));
        frames.add(frame("message_stop", NODES.objectNode().put("type", "message_stop")));
        return streamBreak == null ? frames : broken(frames, streamBreak);
    }

    private static void addBlock(List<String> frames, int index, JsonNode block) {
        String type = block.path("type").asText();
        ObjectNode empty = block.deepCopy();
        switch (type) {
            case "text" -> empty.put("text", "");
            case "thinking" -> empty.put("thinking", "").put("signature", "");
            case "tool_use" -> empty.putObject("input");
            default -> { }
        }
        frames.add(frame("content_block_start", NODES.objectNode().put("type", "content_block_start")
                .put("index", index).set("content_block", empty)));
        switch (type) {
            case "text" -> pieces(block.path("text").asText()).forEach(piece ->
                    frames.add(delta(index, NODES.objectNode().put("type", "text_delta").put("text", piece))));
            case "thinking" -> {
                pieces(block.path("thinking").asText()).forEach(piece ->
                        frames.add(delta(index, NODES.objectNode().put("type", "thinking_delta").put("thinking", piece))));
                frames.add(delta(index, NODES.objectNode().put("type", "signature_delta")
                        .put("signature", block.path("signature").asText())));
            }
            case "tool_use" -> {
                // The first piece of a tool's input is empty, as the API's often is.
                frames.add(delta(index, NODES.objectNode().put("type", "input_json_delta").put("partial_json", "")));
                pieces(block.path("input").toString()).forEach(piece ->
                        frames.add(delta(index, NODES.objectNode().put("type", "input_json_delta").put("partial_json", piece))));
            }
            default -> { }
        }
        frames.add(frame("content_block_stop", NODES.objectNode().put("type", "content_block_stop").put("index", index)));
    }

    /** {@code text} in pieces of {@link #CHUNK} code points, never splitting a character. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i += CHUNK) {
            pieces.add(new String(codePoints, i, Math.min(CHUNK, codePoints.length - i)));
        }
        return pieces;
    }

    /** The frames up to just after the first delta, then an {@code error} event or nothing more. */
    private static List<String> broken(List<String> frames, String streamBreak) {
        int firstDelta = 0;
        while (firstDelta < frames.size() && !frames.get(firstDelta).startsWith("event: content_block_delta")) {
            firstDelta++;
        }
        List<String> kept = new ArrayList<>(frames.subList(0, Math.min(firstDelta + 1, frames.size() - 2)));
        if ("error".equals(streamBreak)) {
            ObjectNode error = NODES.objectNode().put("type", "error");
            error.putObject("error").put("type", "overloaded_error").put("message", "Overloaded");
            kept.add(frame("error", error));
        }
        return kept;
    }

    private static String delta(int index, ObjectNode delta) {
        return frame("content_block_delta", NODES.objectNode().put("type", "content_block_delta").put("index", index)
                .set("delta", delta));
    }

    private static String frame(String event, JsonNode data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }
}
