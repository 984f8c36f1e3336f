package dev.claudefeatures.calls;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.OutputConfig;
import dev.claudefeatures.messages.Tool;
import dev.claudefeatures.messages.ToolChoice;
import dev.claudefeatures.policy.CachePlanner;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.SchemaCheck;
import dev.claudefeatures.policy.StructuredOutputMode;

/**
 * Turns a feature's policy and its messages into a Messages API request: the facade's (and
 * {@code evaluate}'s) planning, on the policy's configuration and its cache plan.
 */
public final class RequestPlanner {

    private RequestPlanner() {
    }

    public static MessageRequest.Builder plan(FeaturePolicy policy, List<Message> messages) {
        return plan(policy, null, messages);
    }

    /** Tools, system prompt and messages, with the policy's cache breakpoints placed over them. */
    private static MessageRequest.Builder plan(FeaturePolicy policy, List<Tool> tools, List<Message> messages) {
        MessageRequest.Builder request = MessageRequest.builder(policy.model(), policy.maxTokens());
        CachePlanner.place(policy, request, tools, messages);
        if (policy.temperature().isPresent()) {
            request.temperature(policy.temperature().getAsDouble());
        }
        return request;
    }

    /**
     * A request for a schema-shaped answer in {@code mode}. Strict in every mode: the server
     * then keeps the answer to the schema's shape, as far as the schema's keywords allow.
     */
    public static MessageRequest.Builder planStructured(FeaturePolicy policy, StructuredOutputMode mode,
            SchemaCheck schema, List<Message> messages) {
        JsonNode wireSchema = schema.wireSchema();
        String tool = toolName(policy.feature());
        List<Tool> tools = mode.usesTool() ? List.of(Tool.strict(tool, TOOL_DESCRIPTION, wireSchema)) : null;
        MessageRequest.Builder request = plan(policy, tools, messages);
        return switch (mode) {
            case FORCED_TOOL -> request.toolChoice(ToolChoice.tool(tool).withoutParallelToolUse());
            case AUTO_TOOL -> request.toolChoice(ToolChoice.auto().withoutParallelToolUse());
            case OUTPUT_FORMAT -> request.outputConfig(OutputConfig.jsonSchema(wireSchema));
        };
    }

    static final String TOOL_DESCRIPTION = "Record the answer. Call this tool exactly once, with input that fits its schema.";

    /** Tool names allow letters, digits, '_' and '-', up to 64 characters. */
    public static String toolName(String feature) {
        String name = "record_" + feature.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
