package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A block of message content, request or response side. Blocks are told apart by {@code type};
 * a type this client does not know yet becomes {@link Unknown}, which keeps its JSON, because
 * the API adds block types over time and a new one must not break a working feature.
 */
@JsonDeserialize(using = ContentBlockDeserializer.class)
public sealed interface ContentBlock {

    /** The wire {@code type} of this block. */
    @JsonProperty("type")
    String type();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Text(String text, JsonNode citations, CacheControl cacheControl) implements ContentBlock {
        public Text(String text) {
            this(text, null, null);
        }

        public Text withCacheControl(CacheControl cacheControl) {
            return new Text(text, citations, cacheControl);
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /** An image; {@code source} is {@code {type: base64|url, media_type, data|url}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Image(JsonNode source, CacheControl cacheControl) implements ContentBlock {
        @Override
        public String type() {
            return "image";
        }
    }

    /** A document (PDF or text); user messages only under API version 2026-10-21. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Document(JsonNode source, String title, String context, JsonNode citations, CacheControl cacheControl)
            implements ContentBlock {
        /** A plain-text document: {@code source: {type: text, media_type: text/plain, data}}. */
        public static Document text(String data) {
            com.fasterxml.jackson.databind.node.ObjectNode source = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode().put("type", "text").put("media_type", "text/plain").put("data", data);
            return new Document(source, null, null, null, null);
        }

        @Override
        public String type() {
            return "document";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record ToolUse(String id, String name, JsonNode input, CacheControl cacheControl) implements ContentBlock {
        @Override
        public String type() {
            return "tool_use";
        }
    }

    /** The answer to a {@link ToolUse}; {@code content} is a string or an array of blocks. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record ToolResult(String toolUseId, JsonNode content, Boolean isError, CacheControl cacheControl)
            implements ContentBlock {
        @Override
        public String type() {
            return "tool_result";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record Thinking(String thinking, String signature) implements ContentBlock {
        @Override
        public String type() {
            return "thinking";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    record RedactedThinking(String data) implements ContentBlock {
        @Override
        public String type() {
            return "redacted_thinking";
        }
    }

    /** A block of a type this client does not model; written back exactly as it was read. */
    record Unknown(@JsonValue JsonNode raw) implements ContentBlock {
        @Override
        public String type() {
            return raw.path("type").asText("");
        }
    }
}
