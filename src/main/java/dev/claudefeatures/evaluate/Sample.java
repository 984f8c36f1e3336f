package dev.claudefeatures.evaluate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a samples file: what the feature is called with, in one of three shapes
 * ({@code input}; {@code documents} and {@code question}; {@code messages}), and, optionally, the
 * answer it should give (a JSON object for a structured feature, text for a text feature).
 *
 * @param line     the line's number in its file, from 1
 * @param call     the line itself, holding the input in its shape
 * @param expected null when the line gives none
 */
record Sample(int line, JsonNode call, JsonNode expected) {
}
