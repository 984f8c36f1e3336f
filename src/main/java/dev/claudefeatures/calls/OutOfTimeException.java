package dev.claudefeatures.calls;

/**
 * The request's time budget ran out before a usable answer: a repair that no longer fitted, or
 * no time for a first call at all. Answered as a 504 before the function's own timeout.
 */
public final class OutOfTimeException extends RuntimeException {

    private final String feature;

    OutOfTimeException(String feature, String message) {
        super(message, null, false, false);
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
