package dev.claudefeatures.calls;

/**
 * One turn of a conversation as a chat feature receives it.
 *
 * @param role {@code user} or {@code assistant}
 */
public record ChatTurn(String role, String content) {
}
