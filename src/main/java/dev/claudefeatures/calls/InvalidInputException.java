package dev.claudefeatures.calls;

/** Input a feature will not send to the model: missing, blank, or larger than its policy allows. */
public final class InvalidInputException extends RuntimeException {

    public enum Reason {
        /** No input, or only white space and invisible characters (zero-width, byte order marks). */
        MISSING,
        /** Not well-formed Unicode: a surrogate without its pair. */
        MALFORMED,
        /** More characters than {@code features.<name>.max-input-chars}. */
        TOO_LARGE,
        /** A conversation whose turns are not user and assistant by turns, from a user turn to a user turn. */
        BAD_CONVERSATION
    }

    private final Reason reason;
    private final int length;
    private final int limit;
    private final String field;

    InvalidInputException(Reason reason, int length, int limit) {
        this(reason, length, limit, "text");
    }

    InvalidInputException(Reason reason, int length, int limit, String field) {
        super(field + " " + reason + ": " + length + " characters, at most " + limit, null, false, false);
        this.reason = reason;
        this.length = length;
        this.limit = limit;
        this.field = field;
    }

    /** The request field at fault: {@code text}, or {@code messages} for a conversation. */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    /** The input's length in characters. */
    public int length() {
        return length;
    }

    /** The most characters the feature accepts. */
    public int limit() {
        return limit;
    }
}
