package dev.claudefeatures.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the message of a stream from its events, in the order the API sends them:
 * {@code message_start}, then per block {@code content_block_start}, deltas and
 * {@code content_block_stop} (indexes counting up from 0), then {@code message_delta}s and
 * {@code message_stop}. An event out of that order is refused; ignored events may come anywhere.
 * Usage merges {@code message_start}'s with each {@code message_delta}'s, the latest value of each
 * field winning, so that a stream cut short still tells what it used.
 */
public final class MessageAccumulator {

    private enum Phase { BEFORE_START, IN_MESSAGE, IN_BLOCK, STOPPED }

    private final ObjectMapper json;
    private final Consumer<String> onText;
    private final String requestId;
    private final List<ContentBlock> blocks = new ArrayList<>();
    private Phase phase = Phase.BEFORE_START;
    private MessageResponse start;
    private ObjectNode block;
    private final StringBuilder pieces = new StringBuilder();
    private final StringBuilder signature = new StringBuilder();
    private Usage usage;
    private StopReason stopReason;
    private String stopSequence;
    private JsonNode stopDetails;

    /** @param onText each text delta, as it arrives */
    public MessageAccumulator(ObjectMapper json, Consumer<String> onText, String requestId) {
        this.json = json;
        this.onText = onText;
        this.requestId = requestId;
    }

    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.MessageStart messageStart) {
            expect(phase == Phase.BEFORE_START, event);
            start = messageStart.message();
            usage = start.usage();
            phase = Phase.IN_MESSAGE;
        } else if (event instanceof StreamEvent.BlockStart blockStart) {
            expect(phase == Phase.IN_MESSAGE && blockStart.index() == blocks.size(), event);
            block = blockStart.block().deepCopy();
            pieces.setLength(0);
            signature.setLength(0);
            phase = Phase.IN_BLOCK;
        } else if (event instanceof StreamEvent.BlockDelta delta) {
            expect(phase == Phase.IN_BLOCK && delta.index() == blocks.size(), event);
            add(delta.delta());
        } else if (event instanceof StreamEvent.BlockStop stop) {
            expect(phase == Phase.IN_BLOCK && stop.index() == blocks.size(), event);
            blocks.add(finish());
            phase = Phase.IN_MESSAGE;
        } else if (event instanceof StreamEvent.MessageDelta delta) {
            expect(phase == Phase.IN_MESSAGE, event);
            stopReason = latest(stopReason, delta.stopReason());
            stopSequence = latest(stopSequence, delta.stopSequence());
            stopDetails = latest(stopDetails, delta.stopDetails());
            usage = merge(usage, delta.usage());
        } else if (event instanceof StreamEvent.MessageStop) {
            expect(phase == Phase.IN_MESSAGE, event);
            phase = Phase.STOPPED;
        }
        // Ignored events (ping, types added later) may come anywhere.
    }

    /** Whether {@code message_stop} has come. */
    public boolean complete() {
        return phase == Phase.STOPPED;
    }

    /** The usage so far: all of it once complete, what was reported before a cut otherwise; null before the start. */
    public Usage usage() {
        return usage;
    }

    /** The whole message, once {@link #complete()}. */
    public MessageResponse message() {
        if (!complete()) {
            throw new AnthropicResponseException("the stream ended before message_stop", null, requestId, null);
        }
        if (stopReason == null) {
            throw new AnthropicResponseException("the stream ended without a stop reason", null, requestId, null);
        }
        return new MessageResponse(start.id(), start.type(), start.role(), start.model(), blocks, stopReason,
                stopSequence, stopDetails, start.diagnostics(), usage);
    }

    private void expect(boolean inOrder, StreamEvent event) {
        if (!inOrder) {
            throw new AnthropicResponseException("the stream sent " + event + " out of order (after " + phase
                    + ", " + blocks.size() + " blocks complete)", null, requestId, null);
        }
    }

    private void add(JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText();
                pieces.append(text);
                onText.accept(text);
            }
            case "input_json_delta" -> pieces.append(delta.path("partial_json").asText());
            case "thinking_delta" -> pieces.append(delta.path("thinking").asText());
            case "signature_delta" -> signature.append(delta.path("signature").asText());
            case "citations_delta" -> {
                JsonNode citations = block.path("citations");
                ArrayNode list = citations.isArray() ? (ArrayNode) citations : block.putArray("citations");
                list.add(delta.path("citation"));
            }
            default -> {
                // A delta type this client does not know yet leaves the block as it is.
            }
        }
    }

    private ContentBlock finish() {
        switch (block.path("type").asText()) {
            case "text" -> block.put("text", block.path("text").asText() + pieces);
            case "thinking" -> block.put("thinking", block.path("thinking").asText() + pieces)
                    .put("signature", block.path("signature").asText() + signature);
            case "tool_use", "server_tool_use" -> block.set("input", input());
            default -> { }
        }
        try {
            return json.treeToValue(block, ContentBlock.class);
        } catch (JsonProcessingException malformed) {
            throw new AnthropicResponseException("the stream's block " + blocks.size() + " is malformed", null,
                    requestId, null);
        }
    }

    /** A tool call's input: its JSON pieces joined, parsed once whole; none at all is {@code {}}. */
    private JsonNode input() {
        if (pieces.toString().isBlank()) {
            return block.path("input").isObject() ? block.path("input") : json.createObjectNode();
        }
        try {
            return json.readTree(pieces.toString());
        } catch (JsonProcessingException partial) {
            throw new AnthropicResponseException("the stream's tool input is not JSON", null, requestId, null);
        }
    }

    static Usage merge(Usage earlier, Usage later) {
        if (earlier == null || later == null) {
            return later == null ? earlier : later;
        }
        return new Usage(
                latest(earlier.inputTokens(), later.inputTokens()),
                latest(earlier.cacheCreationInputTokens(), later.cacheCreationInputTokens()),
                latest(earlier.cacheReadInputTokens(), later.cacheReadInputTokens()),
                latest(earlier.cacheCreation(), later.cacheCreation()),
                latest(earlier.outputTokens(), later.outputTokens()),
                latest(earlier.outputTokensDetails(), later.outputTokensDetails()),
                latest(earlier.serviceTier(), later.serviceTier()),
                latest(earlier.inferenceGeo(), later.inferenceGeo()),
                latest(earlier.serverToolUse(), later.serverToolUse()));
    }

    private static <T> T latest(T earlier, T later) {
        return later != null ? later : earlier;
    }
}
