package dev.claudefeatures.web;

import dev.claudefeatures.calls.FeatureInput;

/** The body of a feature that reads one text: {@code {"text": "..."}}. */
public record TextRequest(String text) implements FeatureInput {
}
