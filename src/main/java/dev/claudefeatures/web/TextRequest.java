package dev.claudefeatures.web;

/** The body every text feature takes: {@code {"text": "..."}}. */
public record TextRequest(String text) {

    /** The text, or null when there is no body: the feature's input check answers both as a 400. */
    public static String textOf(TextRequest request) {
        return request == null ? null : request.text();
    }
}
