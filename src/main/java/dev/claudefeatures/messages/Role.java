package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who speaks a {@link Message}. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
