package dev.claudefeatures.simulator;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

/**
 * The API's checks of {@code tools} and {@code tool_choice}. A tool is either a custom tool (no
 * {@code type}, or {@code custom}) with a name and an input schema, or one of the API's own tools
 * (server tools such as web search, and client tools such as bash), named by its versioned
 * {@code type} and carrying the one name that type allows.
 */
final class ToolRules {

    /** Custom tool names, as the API's validation message gives them. */
    static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    /**
     * The API's own tool types of the official SDK's {@code ToolUnion} with the name each must
     * carry; null for the toolsets, which carry none. ConformanceTest holds this to the SDK table.
     */
    static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("bash_20250124", "bash"),
            Map.entry("code_execution_20250522", "code_execution"),
            Map.entry("code_execution_20250825", "code_execution"),
            Map.entry("code_execution_20260120", "code_execution"),
            Map.entry("code_execution_20260521", "code_execution"),
            Map.entry("memory_20250818", "memory"),
            Map.entry("text_editor_20250124", "str_replace_editor"),
            Map.entry("text_editor_20250429", "str_replace_based_edit_tool"),
            Map.entry("text_editor_20250728", "str_replace_based_edit_tool"),
            Map.entry("web_search_20250305", "web_search"),
            Map.entry("web_search_20260209", "web_search"),
            Map.entry("web_search_20260318", "web_search"),
            Map.entry("web_fetch_20250910", "web_fetch"),
            Map.entry("web_fetch_20260209", "web_fetch"),
            Map.entry("web_fetch_20260309", "web_fetch"),
            Map.entry("web_fetch_20260318", "web_fetch"),
            Map.entry("tool_search_tool_bm25_20251119", "tool_search_tool_bm25"),
            Map.entry("tool_search_tool_bm25", "tool_search_tool_bm25"),
            Map.entry("tool_search_tool_regex_20251119", "tool_search_tool_regex"),
            Map.entry("tool_search_tool_regex", "tool_search_tool_regex"),
            Map.entry("browser_toolset_20260801", ""),
            Map.entry("computer_toolset_20260801", ""));

    private static final Set<String> CHOICES = Set.of("auto", "any", "tool", "none");

    private ToolRules() {
    }

    /** A tool the caller defines and runs, with its own input schema; the simulator calls only these. */
    static boolean isCustom(JsonNode tool) {
        JsonNode type = tool.get("type");
        return type == null || type.isNull() || "custom".equals(type.asText());
    }

    static void checkTools(JsonNode tools) {
        if (tools == null) {
            return;
        }
        if (!tools.isArray()) {
            throw SimulatedError.invalid("tools: Input should be a list");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String name = isCustom(tool) ? checkCustom(tool, "tools." + i) : checkBuiltIn(tool, "tools." + i);
            if (!name.isEmpty() && !names.add(name)) {
                throw SimulatedError.invalid("tools: Tool names must be unique.");
            }
        }
    }

    private static String checkCustom(JsonNode tool, String path) {
        JsonNode name = tool.get("name");
        if (name == null || !name.isTextual()) {
            throw SimulatedError.invalid(path + ".name: Field required");
        }
        if (!TOOL_NAME.matcher(name.asText()).matches()) {
            throw SimulatedError.invalid(path + ".custom.name: String should match pattern '" + TOOL_NAME.pattern() + "'");
        }
        if (!"object".equals(tool.path("input_schema").path("type").asText())) {
            throw SimulatedError.invalid(path + ".input_schema.type: Input should be 'object'");
        }
        return name.asText();
    }

    private static String checkBuiltIn(JsonNode tool, String path) {
        String type = tool.path("type").asText();
        String name = BUILT_IN.get(type);
        if (name == null) {
            throw SimulatedError.invalid(path + ".type: Input tag '" + type + "' found using 'type' does not match any "
                    + "of the expected tags");
        }
        if (!name.isEmpty() && !name.equals(tool.path("name").asText())) {
            throw SimulatedError.invalid(path + "." + type + ".name: Input should be '" + name + "'");
        }
        return name;
    }

    static void checkToolChoice(JsonNode choice, ModelSpec model) {
        if (choice == null) {
            return;
        }
        String type = choice.path("type").asText();
        if (!CHOICES.contains(type)) {
            throw SimulatedError.invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        }
        if (forcesToolUse(choice) && !model.capabilities().forcedToolChoice()) {
            throw SimulatedError.invalid(
                    "tool_choice: type \"tool\" and \"any\" are not supported for this model.");
        }
        if ("tool".equals(type) && !choice.path("name").isTextual()) {
            throw SimulatedError.invalid("tool_choice.name: Field required");
        }
    }

    /** {@code any} or {@code tool}: the model must call a tool. */
    static boolean forcesToolUse(JsonNode choice) {
        String type = choice == null ? "" : choice.path("type").asText();
        return "any".equals(type) || "tool".equals(type);
    }
}
