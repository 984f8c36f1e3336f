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
        BAD_CONVERSATION,
        /** Present and well-formed, but against the feature's own rule ({@link FeatureInput#check()}). */
        INVALID
    }

    private final Reason reason;
    private final int length;
    private final int limit;
    private final String field;
    private final String requirement;

    InvalidInputException(Reason reason, int length, int limit) {
        this(reason, length, limit, "text");
    }

    InvalidInputException(Reason reason, int length, int limit, String field) {
        this(reason, length, limit, field, null);
    }

    private InvalidInputException(Reason reason, int length, int limit, String field, String requirement) {
        super(field + " " + reason + (requirement == null ? ": " + length + " characters, at most " + limit
                : ": " + requirement), null, false, false);
        this.reason = reason;
        this.length = length;
        this.limit = limit;
        this.field = field;
        this.requirement = requirement;
    }

    /**
     * A feature's own rule broken by {@code field}: {@code requirement} says what it must be, to
     * the caller, e.g. "an ISO 639-1 language code such as de or ja".
     */
    public static InvalidInputException invalid(String field, String requirement) {
        return new InvalidInputException(Reason.INVALID, 0, 0, field, requirement);
    }

    /** The request field at fault, by its JSON name: {@code text}, {@code messages} for a conversation... */
    public String field() {
        return field;
    }

    /** For {@link Reason#INVALID}: what the field must be. */
    public String requirement() {
        return requirement;
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
