package dev.claudefeatures.policy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.OutputConfig;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.messages.Tool;
import dev.claudefeatures.messages.ToolChoice;

/** Turns a feature's policy and its messages into a Messages API request. */
public final class RequestPlanner {

    /** A rough, deliberately simple size estimate: about four characters a token for English. */
    static final int CHARS_PER_TOKEN = 4;

    private RequestPlanner() {
    }

    public static MessageRequest.Builder plan(FeaturePolicy policy, List<Message> messages) {
        MessageRequest.Builder request = MessageRequest.builder(policy.model(), policy.maxTokens())
                .system(system(policy))
                .messages(messages);
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
        MessageRequest.Builder request = plan(policy, messages);
        JsonNode wireSchema = schema.wireSchema();
        String tool = toolName(policy.feature());
        return switch (mode) {
            case FORCED_TOOL -> request.tools(List.of(Tool.strict(tool, TOOL_DESCRIPTION, wireSchema)))
                    .toolChoice(ToolChoice.tool(tool).withoutParallelToolUse());
            case AUTO_TOOL -> request.tools(List.of(Tool.strict(tool, TOOL_DESCRIPTION, wireSchema)))
                    .toolChoice(ToolChoice.auto().withoutParallelToolUse());
            case OUTPUT_FORMAT -> request.outputConfig(OutputConfig.jsonSchema(wireSchema));
        };
    }

    static final String TOOL_DESCRIPTION = "Record the answer. Call this tool exactly once, with input that fits its schema.";

    /** Tool names allow letters, digits, '_' and '-', up to 64 characters. */
    public static String toolName(String feature) {
        String name = "record_" + feature.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /**
     * The system prompt, with a cache breakpoint when caching is on and the prompt is long enough
     * to be cached at all: below the model's minimum the API silently ignores a breakpoint, and a
     * block form would only add noise.
     */
    static SystemPrompt system(FeaturePolicy policy) {
        CacheControl cacheControl = policy.cache().cacheControl();
        if (cacheControl == null || estimatedTokens(policy.systemPrompt()) < policy.modelSpec().minCacheableTokens()) {
            return SystemPrompt.of(policy.systemPrompt());
        }
        return SystemPrompt.of(List.of(new ContentBlock.Text(policy.systemPrompt()).withCacheControl(cacheControl)));
    }

    static int estimatedTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
