package dev.claudefeatures.messages;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Picks the {@link ContentBlock} record by {@code type}; unknown types are kept as JSON. */
final class ContentBlockDeserializer extends StdDeserializer<ContentBlock> {

    ContentBlockDeserializer() {
        super(ContentBlock.class);
    }

    @Override
    public ContentBlock deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        ObjectCodec codec = parser.getCodec();
        JsonNode node = codec.readTree(parser);
        Class<? extends ContentBlock> target = switch (node.path("type").asText("")) {
            case "text" -> ContentBlock.Text.class;
            case "image" -> ContentBlock.Image.class;
            case "document" -> ContentBlock.Document.class;
            case "tool_use" -> ContentBlock.ToolUse.class;
            case "tool_result" -> ContentBlock.ToolResult.class;
            case "thinking" -> ContentBlock.Thinking.class;
            case "redacted_thinking" -> ContentBlock.RedactedThinking.class;
            default -> null;
        };
        return target == null ? new ContentBlock.Unknown(node) : codec.treeToValue(node, target);
    }
}
