package dev.claudefeatures.web;

/** The body every text feature takes: {@code {"text": "..."}}. */
public record TextRequest(String text) {

    /**
     * The request's text: a 400 when the body is missing or the text is missing or blank, a 413
     * when the text is longer than {@code maxChars}.
     */
    public static String require(TextRequest request, int maxChars) {
        if (request == null) {
            throw ProblemException.invalidInput("A JSON body is required, e.g. {\"text\": \"...\"}.");
        }
        String text = request.text();
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidInput("The field 'text' is required and must not be blank.");
        }
        if (text.length() > maxChars) {
            throw ProblemException.inputTooLarge("The field 'text' has " + text.length()
                    + " characters; at most " + maxChars + " are accepted.");
        }
        return text;
    }
}
