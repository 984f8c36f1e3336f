package dev.claudefeatures.messages;

import java.util.List;

/**
 * One turn of the conversation. The API also takes a plain string as {@code content}; this
 * client always sends blocks, which is the same to the API and leaves room for cache breakpoints.
 */
public record Message(Role role, List<ContentBlock> content) {

    public Message {
        content = List.copyOf(content);
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentBlock.Text(text)));
    }

    public static Message user(List<ContentBlock> content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(List<ContentBlock> content) {
        return new Message(Role.ASSISTANT, content);
    }
}
