package dev.claudefeatures.calls;

/**
 * A text answer.
 *
 * @param model      the model that gave it
 * @param stopReason why the model stopped, as the API says it ({@code end_turn}, {@code max_tokens})
 * @param usage      the tokens of the call
 * @param escalated  always false today: text features do not escalate
 */
public record TextAnswer(String text, String model, String stopReason, TokenUsage usage, boolean escalated) {
}
