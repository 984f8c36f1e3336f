package dev.claudefeatures.simulator;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated model's answer to a valid request: a {@code thinking} block first where thinking
 * is on, then a tool call when a custom tool is forced or offered, JSON text under
 * {@code output_config.format}, else text; then {@code max_tokens} (which thinking draws on
 * first), {@code stop_sequences} and any shaping {@link Fault} applied.
 *
 * @param outputTokens all output tokens, thinking included, as {@code usage.output_tokens} counts them
 */
record Answer(ArrayNode content, String stopReason, String stopSequence, int outputTokens, int thinkingTokens) {

    static final String REFUSAL_TEXT = "I can't help with that request.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong TOOL_IDS = new AtomicLong();

    static Answer of(JsonNode request, Fault shaping) {
        Thinking thinking = Thinking.of(request);
        if (!thinking.thinksFirst(request)) {
            return visible(request, request.path("max_tokens").asInt(), shaping);
        }
        String thought = ReplyComposer.thought(request);
        int maxTokens = request.path("max_tokens").asInt();
        int thinkingTokens = Math.min(Math.min(CacheBreakpoints.estimateTokens(thought), thinking.budget()), maxTokens);
        Answer rest = visible(request, maxTokens - thinkingTokens, shaping);
        ArrayNode content = NODES.arrayNode();
        // An omitted display keeps the thinking in the signature only, for the next turn.
        content.addObject().put("type", "thinking").put("thinking", thinking.omitted() ? "" : thought)
                .put("signature", Thinking.sign(thought));
        content.addAll(rest.content());
        return new Answer(content, rest.stopReason(), rest.stopSequence(), thinkingTokens + rest.outputTokens(),
                thinkingTokens);
    }

    /** The answer after any thinking, within what is left of {@code max_tokens}. */
    private static Answer visible(JsonNode request, int maxTokens, Fault shaping) {
        String stop = shaping == null ? null : shaping.stopReason();
        JsonNode override = shaping == null ? null : shaping.answer();
        if ("refusal".equals(stop)) {
            ArrayNode content = NODES.arrayNode();
            textBlock(content, REFUSAL_TEXT);
            return new Answer(content, "refusal", null, CacheBreakpoints.estimateTokens(REFUSAL_TEXT), 0);
        }
        // Structured values come from the document, which a repair turn does not repeat.
        String input = ReplyComposer.firstUserText(request.path("messages"));
        JsonNode tool = chosenTool(request);
        if (tool != null) {
            JsonNode arguments = override != null ? override : SchemaValues.generate(tool.path("input_schema"), input);
            return toolUse(tool.path("name").asText(), arguments, maxTokens, "max_tokens".equals(stop));
        }
        JsonNode format = request.path("output_config").path("format");
        if (format.isObject()) {
            JsonNode value = override != null ? override : SchemaValues.generate(format.path("schema"), input);
            return text(value.toString(), maxTokens, NODES.arrayNode(), "max_tokens".equals(stop));
        }
        return text(ReplyComposer.reply(request), maxTokens, request.path("stop_sequences"), "max_tokens".equals(stop));
    }

    /**
     * The tool the model calls: the forced one, else the first custom tool offered. The API's own
     * tools (web search, bash...) are accepted but never called: their results need the real API.
     */
    private static JsonNode chosenTool(JsonNode request) {
        ArrayNode tools = NODES.arrayNode();
        request.path("tools").forEach(tool -> {
            if (ToolRules.isCustom(tool)) {
                tools.add(tool);
            }
        });
        if (tools.isEmpty()) {
            return null;
        }
        JsonNode choice = request.path("tool_choice");
        switch (choice.path("type").asText("auto")) {
            case "none":
                return null;
            case "tool":
                for (JsonNode tool : tools) {
                    if (tool.path("name").asText().equals(choice.path("name").asText())) {
                        return tool;
                    }
                }
                throw SimulatedError.invalid("tool_choice.name: no tool named '" + choice.path("name").asText() + "'");
            default:
                return tools.get(0);
        }
    }

    private static Answer toolUse(String name, JsonNode arguments, int maxTokens, boolean cutShort) {
        int tokens = CacheBreakpoints.estimateTokens(arguments.toString());
        boolean cut = cutShort || tokens > maxTokens;
        ArrayNode content = NODES.arrayNode();
        ObjectNode use = content.addObject().put("type", "tool_use")
                .put("id", "toolu_sim_" + String.format("%012d", TOOL_IDS.incrementAndGet()))
                .put("name", name);
        // A call cut off by max_tokens arrives without its complete input.
        use.set("input", cut ? NODES.objectNode() : arguments);
        use.putObject("caller").put("type", "direct");
        return new Answer(content, cut ? "max_tokens" : "tool_use", null, cut ? Math.min(tokens, maxTokens) : tokens, 0);
    }

    private static Answer text(String reply, int maxTokens, JsonNode stopSequences, boolean cutShort) {
        int earliest = -1;
        String matched = null;
        for (JsonNode sequence : stopSequences) {
            int at = reply.indexOf(sequence.asText());
            if (!sequence.asText().isEmpty() && at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
                matched = sequence.asText();
            }
        }
        String text = matched == null ? reply : reply.substring(0, earliest);
        int limit = cutShort ? Math.min(maxTokens, Math.max(1, CacheBreakpoints.estimateTokens(text) / 2)) : maxTokens;
        if (cutShort || CacheBreakpoints.estimateTokens(text) > limit) {
            String cut = text.substring(0, Math.min(text.length(), limit * 4));
            return new Answer(textContent(cut), "max_tokens", null, CacheBreakpoints.estimateTokens(cut), 0);
        }
        // Even an empty answer (a stop sequence at the very start) costs an output token.
        return new Answer(textContent(text), matched == null ? "end_turn" : "stop_sequence", matched,
                Math.min(maxTokens, Math.max(1, CacheBreakpoints.estimateTokens(text))), 0);
    }

    private static ArrayNode textContent(String text) {
        ArrayNode content = NODES.arrayNode();
        if (!text.isEmpty()) {
            textBlock(content, text);
        }
        return content;
    }

    private static void textBlock(ArrayNode content, String text) {
        content.addObject().put("type", "text").put("text", text).putNull("citations");
    }
}
