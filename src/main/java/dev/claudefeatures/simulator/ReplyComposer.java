package dev.claudefeatures.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated model's text: deterministic, derived from the last user turn, so that a test can
 * predict it and a developer can see that their input went through. It echoes the opening words
 * of the input after a fixed marker, much as a summary would start.
 */
final class ReplyComposer {

    static final String MARKER = "[offline simulator] ";
    static final int WORDS = 60;

    private ReplyComposer() {
    }

    static String reply(JsonNode body) {
        String input = lastUserText(body.path("messages"));
        if (input.isBlank()) {
            return MARKER + "The request holds no text to answer.";
        }
        String[] words = input.strip().split("\\s+");
        StringBuilder reply = new StringBuilder(MARKER);
        for (int i = 0; i < Math.min(WORDS, words.length); i++) {
            reply.append(i == 0 ? "" : " ").append(words[i]);
        }
        if (words.length > WORDS) {
            reply.append(" ...");
        }
        return reply.toString();
    }

    /** The text of the last user message, from a string or its text blocks. */
    static String lastUserText(JsonNode messages) {
        return userText(messages, true);
    }

    /** The text of the first user message: the document, even after a repair turn. */
    static String firstUserText(JsonNode messages) {
        return userText(messages, false);
    }

    private static String userText(JsonNode messages, boolean last) {
        for (int n = 0; n < messages.size(); n++) {
            JsonNode message = messages.get(last ? messages.size() - 1 - n : n);
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asText())) {
                    text.append(text.length() == 0 ? "" : "\n").append(block.path("text").asText());
                } else if ("tool_result".equals(block.path("type").asText()) && block.path("content").isTextual()) {
                    text.append(text.length() == 0 ? "" : "\n").append(block.path("content").asText());
                }
            }
            return text.toString();
        }
        return "";
    }
}
