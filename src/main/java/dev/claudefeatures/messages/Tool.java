package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A client tool. {@code inputSchema} is a JSON Schema of {@code type: object}; with
 * {@code strict: true} the server guarantees that the tool input fits it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Tool(String name, String description, JsonNode inputSchema, Boolean strict, CacheControl cacheControl) {

    public static Tool strict(String name, String description, JsonNode inputSchema) {
        return new Tool(name, description, inputSchema, true, null);
    }
}
