package dev.claudefeatures.policy;

import dev.claudefeatures.policy.ModelCatalog.ModelSpec;

/**
 * How schema-shaped output is asked of a model, chosen from its catalog capabilities. Forced
 * {@code tool_choice} without {@code strict} does not guarantee a valid object, and the newest
 * models reject forced {@code tool_choice} altogether, so every mode is strict, and every answer
 * is validated on the client anyway.
 */
public enum StructuredOutputMode {
    /** The seed's pattern made safe: one strict tool, {@code tool_choice: {type: tool}}. */
    FORCED_TOOL,
    /** {@code output_config.format: json_schema}; the answer is a text block of JSON. */
    OUTPUT_FORMAT,
    /** One strict tool with {@code tool_choice: auto}: for models with neither of the above. */
    AUTO_TOOL;

    public static StructuredOutputMode of(ModelSpec model) {
        if (model.capabilities().forcedToolChoice()) {
            return FORCED_TOOL;
        }
        if (model.capabilities().structuredOutputs()) {
            return OUTPUT_FORMAT;
        }
        return AUTO_TOOL;
    }

    public boolean usesTool() {
        return this != OUTPUT_FORMAT;
    }
}
