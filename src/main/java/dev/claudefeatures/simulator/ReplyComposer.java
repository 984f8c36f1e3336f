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

    /** The simulated model's thinking: what it is asked, in its opening words. */
    static String thought(JsonNode body) {
        String[] words = lastUserText(body.path("messages")).strip().split("\\s+");
        StringBuilder thought = new StringBuilder(MARKER).append("Thinking about the request:");
        for (int i = 0; i < Math.min(12, words.length); i++) {
            thought.append(' ').append(words[i]);
        }
        return thought.append(". I will answer it directly.").toString();
    }

    /**
     * The text of the last user turn, from strings or text blocks; consecutive user messages are
     * one turn, as the API combines them.
     */
    static String lastUserText(JsonNode messages) {
        int end = messages.size() - 1;
        while (end >= 0 && !"user".equals(messages.get(end).path("role").asText())) {
            end--;
        }
        int start = end;
        while (start > 0 && "user".equals(messages.get(start - 1).path("role").asText())) {
            start--;
        }
        StringBuilder text = new StringBuilder();
        for (int i = Math.max(start, 0); i <= end; i++) {
            append(text, userText(messages.get(i)));
        }
        return text.toString();
    }

    /** The text of the first user message: the document, even after a repair turn. */
    static String firstUserText(JsonNode messages) {
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                return userText(message);
            }
        }
        return "";
    }

    private static String userText(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                append(text, block.path("text").asText());
            } else if ("tool_result".equals(block.path("type").asText()) && block.path("content").isTextual()) {
                append(text, block.path("content").asText());
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String more) {
        text.append(text.length() == 0 || more.isEmpty() ? "" : "\n").append(more);
    }
}
