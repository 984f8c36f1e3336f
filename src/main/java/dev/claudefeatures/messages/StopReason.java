package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why the model stopped. A reason added to the API later reads as {@link #UNKNOWN}, not as an error. */
public enum StopReason {
    END_TURN("end_turn"),
    MAX_TOKENS("max_tokens"),
    STOP_SEQUENCE("stop_sequence"),
    TOOL_USE("tool_use"),
    PAUSE_TURN("pause_turn"),
    REFUSAL("refusal"),
    MODEL_CONTEXT_WINDOW_EXCEEDED("model_context_window_exceeded"),
    UNKNOWN("unknown");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static StopReason fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (StopReason reason : values()) {
            if (reason.wireName.equals(value)) {
                return reason;
            }
        }
        return UNKNOWN;
    }
}
