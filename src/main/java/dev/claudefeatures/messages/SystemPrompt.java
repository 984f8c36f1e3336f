package dev.claudefeatures.messages;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code system} field: on the wire either a string or an array of text blocks. */
public sealed interface SystemPrompt {

    static SystemPrompt of(String text) {
        return new Plain(text);
    }

    static SystemPrompt of(List<ContentBlock.Text> blocks) {
        return new Blocks(blocks);
    }

    record Plain(@JsonValue String text) implements SystemPrompt {
    }

    record Blocks(@JsonValue List<ContentBlock.Text> blocks) implements SystemPrompt {
        public Blocks {
            blocks = List.copyOf(blocks);
        }
    }
}
