package dev.claudefeatures.calls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.policy.FeaturePolicy;

/**
 * The messages of a feature's request, from each shape of input, checked against the feature's
 * limits: one place, so that the facade and the {@code evaluate} command send the same request.
 * A bad input is an {@link InvalidInputException}.
 */
public final class FeatureMessages {

    private FeatureMessages() {
    }

    /**
     * A feature's input fields (as JSON: each a string, or null when absent), each checked, as the text
     * of one user turn: a single field as it is, several each in a tag of its name, in the order
     * of their names (so that the same fields make the same prompt in whatever order they came).
     * The limit counts the fields' characters, not the tags.
     */
    public static String fields(FeaturePolicy policy, ObjectNode input) {
        Map<String, String> fields = new LinkedHashMap<>();
        input.properties().forEach(field -> {
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                throw new IllegalArgumentException("\"" + field.getKey() + "\" must be a string");
            }
            fields.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
        });
        return fields(policy, fields);
    }

    /** {@link #fields(FeaturePolicy, ObjectNode)}, from the fields by name. */
    static String fields(FeaturePolicy policy, Map<String, String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a feature's input has at least one field");
        }
        Map<String, String> sorted = new TreeMap<>(fields);
        int length = 0;
        for (Map.Entry<String, String> field : sorted.entrySet()) {
            length += checked(policy, field.getKey(), field.getValue()).length();
        }
        if (length > policy.maxInputChars()) {
            // Each field fits, together they do not: the problem names them all.
            throw new InvalidInputException(InvalidInputException.Reason.TOO_LARGE, length, policy.maxInputChars(),
                    String.join(", ", sorted.keySet()));
        }
        if (sorted.size() == 1) {
            return sorted.values().iterator().next();
        }
        StringBuilder text = new StringBuilder();
        sorted.forEach((name, value) -> text.append('<').append(name).append(">\n").append(value).append("\n</")
                .append(name).append(">\n"));
        return text.toString();
    }

    /**
     * {@code documents}, each a document block, then {@code question}, in one user turn, where the
     * policy's {@code cache.documents} breakpoint can hold the documents.
     */
    public static List<Message> documents(FeaturePolicy policy, List<String> documents, String question) {
        if (documents == null || documents.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.Reason.MISSING, 0, policy.maxInputChars(),
                    "documents");
        }
        int length = (question == null ? 0 : question.length())
                + documents.stream().mapToInt(document -> document == null ? 0 : document.length()).sum();
        if (length > policy.maxInputChars()) {
            throw new InvalidInputException(InvalidInputException.Reason.TOO_LARGE, length, policy.maxInputChars(),
                    "documents, question");
        }
        List<ContentBlock> content = new ArrayList<>();
        for (String document : documents) {
            content.add(ContentBlock.Document.text(checked(policy, "documents", document)));
        }
        content.add(new ContentBlock.Text(checked(policy, "question", question)));
        return List.of(Message.user(content));
    }

    /** The turns of a conversation, user first and last, alternating; checked as the chat route checks them. */
    public static List<Message> conversation(FeaturePolicy policy, List<ChatTurn> turns) {
        if (turns == null || turns.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.Reason.MISSING, 0, policy.maxInputChars(), "messages");
        }
        int length = 0;
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            ChatTurn turn = turns.get(i);
            String expected = i % 2 == 0 ? "user" : "assistant";
            if (turn == null || !expected.equals(turn.role()) || turn.content() == null
                    || InputText.isBlank(turn.content())) {
                throw new InvalidInputException(InvalidInputException.Reason.BAD_CONVERSATION, length,
                        policy.maxInputChars(), "messages");
            }
            if (!InputText.isWellFormed(turn.content())) {
                throw new InvalidInputException(InvalidInputException.Reason.MALFORMED, length, policy.maxInputChars(),
                        "messages");
            }
            length += turn.content().length();
            messages.add("user".equals(turn.role()) ? Message.user(turn.content())
                    : Message.assistant(List.of(new ContentBlock.Text(turn.content()))));
        }
        if (turns.size() % 2 == 0) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_CONVERSATION, length,
                    policy.maxInputChars(), "messages");
        }
        if (length > policy.maxInputChars()) {
            throw new InvalidInputException(InvalidInputException.Reason.TOO_LARGE, length, policy.maxInputChars(),
                    "messages");
        }
        return messages;
    }

    private static String checked(FeaturePolicy policy, String field, String input) {
        if (input == null || InputText.isBlank(input)) {
            throw new InvalidInputException(InvalidInputException.Reason.MISSING, 0, policy.maxInputChars(), field);
        }
        if (!InputText.isWellFormed(input)) {
            throw new InvalidInputException(InvalidInputException.Reason.MALFORMED, input.length(),
                    policy.maxInputChars(), field);
        }
        if (input.length() > policy.maxInputChars()) {
            throw new InvalidInputException(InvalidInputException.Reason.TOO_LARGE, input.length(),
                    policy.maxInputChars(), field);
        }
        return input;
    }
}
