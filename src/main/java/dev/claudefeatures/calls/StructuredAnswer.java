package dev.claudefeatures.calls;

/**
 * A schema-valid answer, read into the record the feature named.
 *
 * @param model      the model that gave it
 * @param stopReason why that model stopped, as the API says it ({@code end_turn}, {@code tool_use})
 * @param usage      the tokens of every call made for this answer, repair and escalation included
 * @param escalated  whether a stronger model gave it after a low-confidence first answer
 */
public record StructuredAnswer<T>(T value, String model, String stopReason, TokenUsage usage, boolean escalated) {
}
