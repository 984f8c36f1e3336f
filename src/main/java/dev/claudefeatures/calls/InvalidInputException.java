package dev.claudefeatures.calls;

/** Input a feature will not send to the model: missing, blank, or larger than its policy allows. */
public final class InvalidInputException extends RuntimeException {

    public enum Reason {
        /** No input, or only white space and invisible characters (zero-width, byte order marks). */
        MISSING,
        /** Not well-formed Unicode: a surrogate without its pair. */
        MALFORMED,
        /** More characters than {@code features.<name>.max-input-chars}. */
        TOO_LARGE
    }

    private final Reason reason;
    private final int length;
    private final int limit;

    InvalidInputException(Reason reason, int length, int limit) {
        super(reason + ": " + length + " characters, at most " + limit, null, false, false);
        this.reason = reason;
        this.length = length;
        this.limit = limit;
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
