package dev.claudefeatures.web;

/** The kinds of problem this service answers with; each {@code type} URI names one. */
public enum ProblemType {
    INVALID_INPUT("invalid-input", "Invalid input"),
    MALFORMED_JSON("malformed-json", "Malformed JSON"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    INPUT_TOO_LARGE("input-too-large", "Input too large"),
    NOT_FOUND("not-found", "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    UPSTREAM_ERROR("upstream-error", "The Anthropic API failed"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "The Anthropic API is busy"),
    UPSTREAM_TIMEOUT("upstream-timeout", "The Anthropic API did not answer in time"),
    INCOMPLETE_ANSWER("incomplete-answer", "The model's answer is incomplete"),
    INVALID_ANSWER("invalid-answer", "The model's answer does not fit the schema"),
    ANSWER_REFUSED("answer-refused", "The model declined to answer"),
    NOT_CONFIGURED("not-configured", "The service is not configured"),
    INTERNAL_ERROR("internal-error", "Internal error");

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return "urn:claude-features:problem:" + slug;
    }

    public String title() {
        return title;
    }
}
