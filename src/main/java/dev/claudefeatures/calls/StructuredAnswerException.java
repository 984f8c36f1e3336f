package dev.claudefeatures.calls;

import java.util.List;

/** A model's answer that cannot be used as a structured result. */
public final class StructuredAnswerException extends RuntimeException {

    public enum Kind {
        /** Cut off at {@code max_tokens} (or the context window) before it was complete. */
        INCOMPLETE,
        /** The model declined ({@code stop_reason: refusal}). */
        REFUSED,
        /** Still outside the schema after one repair. */
        INVALID
    }

    private final Kind kind;
    private final String feature;
    private final String model;
    private final List<String> violations;

    StructuredAnswerException(Kind kind, String feature, String model, String message, List<String> violations) {
        super(message, null, false, false);
        this.kind = kind;
        this.feature = feature;
        this.model = model;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public String feature() {
        return feature;
    }

    public String model() {
        return model;
    }

    public List<String> violations() {
        return violations;
    }
}
