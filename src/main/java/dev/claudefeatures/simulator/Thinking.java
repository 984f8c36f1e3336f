package dev.claudefeatures.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.messages.ApiVersion;

/**
 * A request's {@code thinking} setting and the rules of the extended-thinking docs: a budget of
 * at least 1,024 tokens and below {@code max_tokens}; no forced tool use; under API versions that
 * take sampling parameters, {@code temperature} only 1, no {@code top_k}, {@code top_p} from 0.95;
 * thinking blocks passed back unchanged (their signature checked), and, in a tool loop, the last
 * assistant turn starting with its thinking block.
 *
 * @param budget the most tokens the model may think, or {@code Integer.MAX_VALUE} where the model decides
 */
record Thinking(String type, int budget, boolean omitted) {

    static final int MIN_BUDGET = 1024;
    private static final Set<String> TYPES = Set.of("enabled", "disabled", "adaptive", "between_tools");
    private static final String SIGNATURE_PREFIX = "sim1.";

    /** The request's setting; {@code disabled} where it has none. */
    static Thinking of(JsonNode request) {
        JsonNode thinking = request.path("thinking");
        String type = thinking.path("type").asText("disabled");
        int budget = "enabled".equals(type) ? thinking.path("budget_tokens").asInt() : Integer.MAX_VALUE;
        return new Thinking(type, budget, "omitted".equals(thinking.path("display").asText()));
    }

    /** Whether the model thinks before it answers this turn. */
    boolean thinksFirst(JsonNode request) {
        return switch (type) {
            case "enabled", "adaptive" -> true;
            // Between tool calls only: after a tool's result, not at the start of a turn.
            case "between_tools" -> endsWithToolResult(request.path("messages"));
            default -> false;
        };
    }

    private boolean on() {
        return !"disabled".equals(type);
    }

    /** @param maxTokens the request's {@code max_tokens}, or -1 for count_tokens, which has none */
    static void check(JsonNode request, ApiVersion version, int maxTokens) {
        JsonNode config = request.get("thinking");
        if (config == null) {
            return;
        }
        if (!config.isObject() || !TYPES.contains(config.path("type").asText())) {
            throw SimulatedError.invalid("thinking.type: Input should be 'enabled', 'disabled', 'adaptive' or "
                    + "'between_tools'");
        }
        JsonNode display = config.path("display");
        if (!display.isMissingNode() && !display.isNull()
                && !Set.of("summarized", "omitted").contains(display.asText())) {
            throw SimulatedError.invalid("thinking.display: Input should be 'summarized' or 'omitted'");
        }
        Thinking thinking = of(request);
        if ("enabled".equals(thinking.type())) {
            checkBudget(config.get("budget_tokens"), maxTokens);
        }
        if (thinking.on()) {
            checkCompanions(request, version);
            checkPassedBack(request.path("messages"));
        }
    }

    private static void checkBudget(JsonNode budget, int maxTokens) {
        if (budget == null) {
            throw SimulatedError.invalid("thinking.enabled.budget_tokens: Field required");
        }
        if (!budget.isIntegralNumber() || budget.asInt() < MIN_BUDGET) {
            throw SimulatedError.invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to "
                    + MIN_BUDGET);
        }
        if (maxTokens >= 0 && budget.asInt() >= maxTokens) {
            throw SimulatedError.invalid("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult "
                    + "our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
                    + "#max-tokens-and-context-window-size");
        }
    }

    private static void checkCompanions(JsonNode request, ApiVersion version) {
        if (ToolRules.forcesToolUse(request.get("tool_choice"))) {
            throw SimulatedError.invalid("Thinking may not be enabled when tool_choice forces tool use.");
        }
        if (!version.acceptsSamplingParameters()) {
            return; // sampling parameters are rejected outright under this version
        }
        if (request.has("temperature") && request.path("temperature").asDouble() != 1.0) {
            throw SimulatedError.invalid("`temperature` may only be set to 1 when thinking is enabled.");
        }
        if (request.has("top_k")) {
            throw SimulatedError.invalid("`top_k` is not supported when thinking is enabled.");
        }
        if (request.has("top_p") && request.path("top_p").asDouble() < 0.95) {
            throw SimulatedError.invalid("`top_p` must be greater than or equal to 0.95 when thinking is enabled.");
        }
    }

    /** Thinking blocks come back as the API sent them, and a tool loop's turn starts with its own. */
    private static void checkPassedBack(JsonNode messages) {
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if ("assistant".equals(messages.get(i).path("role").asText())) {
                lastAssistant = i;
            }
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                if ("thinking".equals(block.path("type").asText())
                        && !verifies(block.path("thinking").asText(), block.path("signature").asText())) {
                    throw SimulatedError.invalid("messages." + i + ".content." + j
                            + ": Invalid `signature` in `thinking` block");
                }
            }
        }
        if (lastAssistant < 0 || !endsWithToolResult(messages)) {
            return;
        }
        JsonNode turn = messages.get(lastAssistant).path("content");
        String first = turn.isArray() && !turn.isEmpty() ? turn.get(0).path("type").asText() : "text";
        if (!first.equals("thinking") && !first.equals("redacted_thinking")) {
            throw SimulatedError.invalid("messages." + lastAssistant + ".content.0.type: Expected `thinking` or "
                    + "`redacted_thinking`, but found `" + first + "`. When `thinking` is enabled, a final `assistant` "
                    + "message must start with a thinking block (preceding the lastmost set of `tool_use` and "
                    + "`tool_result` blocks). To avoid this requirement, disable `thinking`.");
        }
    }

    private static boolean endsWithToolResult(JsonNode messages) {
        JsonNode last = messages.path(messages.size() - 1);
        for (JsonNode block : last.path("content")) {
            if ("tool_result".equals(block.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An opaque signature that carries the full thinking, as the API's does, so that a block
     * passed back can be checked, also when its display was {@code omitted} and its text empty.
     */
    static String sign(String thinking) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return SIGNATURE_PREFIX + base64.encodeToString(digest(thinking)) + "."
                + base64.encodeToString(thinking.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code signature} was made for this thinking, shown in full or omitted (empty). */
    static boolean verifies(String thinking, String signature) {
        if (!signature.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        String[] parts = signature.substring(SIGNATURE_PREFIX.length()).split("\\.", -1);
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            String signed = parts.length == 2 ? new String(base64.decode(parts[1]), StandardCharsets.UTF_8) : null;
            return signed != null && MessageDigest.isEqual(base64.decode(parts[0]), digest(signed))
                    && (thinking.isEmpty() || thinking.equals(signed));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] digest(String thinking) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("claude-features simulator thinking\n" + thinking).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
