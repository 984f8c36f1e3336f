package dev.claudefeatures.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value that fits a JSON Schema, derived from the input text so that it is deterministic and
 * recognisable: strings from the text's first line, dates and numbers found in it (a property
 * named like {@code total} takes the largest), enum values named in it, and 0.9 for numbers
 * bounded to [0, 1] such as a confidence.
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    /** A number standing on its own: not part of an identifier such as "A-118" or "v2". */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])-?\\d+(?:\\.\\d+)?(?![\\w-])");

    private final String text;
    private final String firstLine;
    private final List<BigDecimal> numbers = new ArrayList<>();
    private int nextNumber;

    private SchemaValues(String text) {
        this.text = text;
        this.firstLine = text.strip().lines().findFirst().orElse("").strip();
        Matcher number = NUMBER.matcher(DATE.matcher(text).replaceAll(" "));
        while (number.find()) {
            numbers.add(new BigDecimal(number.group()));
        }
    }

    static JsonNode generate(JsonNode schema, String text) {
        return new SchemaValues(text).value(schema, "");
    }

    private JsonNode value(JsonNode schema, String name) {
        if (schema.has("enum")) {
            return enumValue(schema.get("enum"));
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(combinator).isArray() && !schema.path(combinator).isEmpty()) {
                return value(schema.path(combinator).get(0), name);
            }
        }
        return switch (type(schema)) {
            case "object" -> object(schema);
            case "array" -> array(schema, name);
            case "number" -> NODES.numberNode(number(schema, name));
            case "integer" -> NODES.numberNode(number(schema, name).setScale(0, java.math.RoundingMode.HALF_UP)
                    .toBigInteger());
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema));
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
        }
        return type.asText(schema.has("properties") ? "object" : "string");
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), value(p.getValue(), p.getKey())));
        return object;
    }

    private ArrayNode array(JsonNode schema, String name) {
        ArrayNode array = NODES.arrayNode();
        int count = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < count; i++) {
            array.add(value(schema.path("items"), name));
        }
        return array;
    }

    private JsonNode enumValue(JsonNode options) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (JsonNode option : options) {
            if (option.isTextual() && lower.contains(option.asText().toLowerCase(Locale.ROOT))) {
                return option;
            }
        }
        return options.get(0);
    }

    private BigDecimal number(JsonNode schema, String name) {
        BigDecimal min = bound(schema, "minimum");
        BigDecimal max = bound(schema, "maximum");
        if (min != null && max != null && max.compareTo(BigDecimal.ONE) <= 0) {
            return clamp(new BigDecimal("0.9"), min, max);
        }
        BigDecimal value;
        if (name.toLowerCase(Locale.ROOT).contains("total")) {
            value = numbers.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        } else {
            value = numbers.isEmpty() ? BigDecimal.ZERO : numbers.get(nextNumber++ % numbers.size());
        }
        return clamp(value, min, max);
    }

    /**
     * A bound from its keyword or, where a client moved it out of the schema for strict mode,
     * from the description ("(maximum 1, minimum 0)"), which is where a model would read it.
     */
    private static BigDecimal bound(JsonNode schema, String keyword) {
        if (schema.has(keyword)) {
            return schema.get(keyword).decimalValue();
        }
        Matcher described = Pattern.compile("\\b" + keyword + " (-?\\d+(?:\\.\\d+)?)")
                .matcher(schema.path("description").asText());
        return described.find() ? new BigDecimal(described.group(1)) : null;
    }

    private static BigDecimal clamp(BigDecimal value, BigDecimal min, BigDecimal max) {
        BigDecimal clamped = min != null && value.compareTo(min) < 0 ? min : value;
        return max != null && clamped.compareTo(max) > 0 ? max : clamped;
    }

    private String string(JsonNode schema) {
        boolean wantsDate = "date".equals(schema.path("format").asText())
                || schema.path("pattern").asText().contains("[0-9]{4}-")
                || schema.path("description").asText().contains("YYYY-MM-DD");
        if (wantsDate) {
            Matcher date = DATE.matcher(text);
            return date.find() ? date.group(1) : "2026-01-01";
        }
        String value = firstLine.isEmpty() ? "unknown" : firstLine;
        return value.length() > 60 ? value.substring(0, 60) : value;
    }
}
