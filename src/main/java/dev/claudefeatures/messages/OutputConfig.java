package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code output_config}: a JSON Schema the answer must fit, and/or the effort to spend. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputConfig(Format format, Effort effort) {

    public static OutputConfig jsonSchema(JsonNode schema) {
        return new OutputConfig(new Format("json_schema", schema), null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Format(String type, JsonNode schema) {
    }

    public enum Effort {
        LOW("low"),
        MEDIUM("medium"),
        HIGH("high"),
        XHIGH("xhigh"),
        MAX("max");

        private final String wireName;

        Effort(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
