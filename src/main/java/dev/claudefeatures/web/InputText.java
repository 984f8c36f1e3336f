package dev.claudefeatures.web;

/** Checks the text field that every feature's request carries. */
public final class InputText {

    private InputText() {
    }

    /**
     * The field's value, or a 400 when it is missing or blank and a 413 when it is longer
     * than {@code maxChars}.
     */
    public static String require(String value, String field, int maxChars) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidInput(
                    "The field '" + field + "' is required and must not be blank.");
        }
        if (value.length() > maxChars) {
            throw ProblemException.inputTooLarge("The field '" + field + "' has " + value.length()
                    + " characters; at most " + maxChars + " are accepted.");
        }
        return value;
    }

    /** A 400 for a request without a body. */
    public static <T> T requireBody(T body, String example) {
        if (body == null) {
            throw ProblemException.invalidInput("A JSON body is required, e.g. " + example + ".");
        }
        return body;
    }
}
