package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code tool_choice}: {@code auto}, {@code any}, {@code tool} (with {@code name}) or {@code none}.
 * Some models reject {@code any} and {@code tool}; the model catalog says which.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolChoice(String type, String name, Boolean disableParallelToolUse) {

    public static ToolChoice auto() {
        return new ToolChoice("auto", null, null);
    }

    public static ToolChoice any() {
        return new ToolChoice("any", null, null);
    }

    public static ToolChoice tool(String name) {
        return new ToolChoice("tool", name, null);
    }

    public static ToolChoice none() {
        return new ToolChoice("none", null, null);
    }

    public ToolChoice withoutParallelToolUse() {
        return new ToolChoice(type, name, true);
    }
}
