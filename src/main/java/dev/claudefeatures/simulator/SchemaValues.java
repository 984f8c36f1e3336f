package dev.claudefeatures.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value that fits a JSON Schema, derived from the input text so that it is deterministic and
 * recognisable: strings from the text's first line, dates, e-mail addresses, URLs and numbers
 * found in it (a property named like {@code total} takes the largest), enum values named in it,
 * and 0.9 for numbers bounded to [0, 1] such as a confidence.
 *
 * <p>Local references ({@code #}, {@code #/$defs/Name}, {@code #/definitions/Name}) are resolved
 * here against the root schema rather than by a JSON Schema library: such a library validates a
 * given value, while this class has to make one up, so it walks the schema itself.
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    /** A number standing on its own: not part of an identifier such as "A-118" or "v2". */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])-?\\d+(?:\\.\\d+)?(?![\\w-])");
    /** A plain address (dot-atom local part, letters for a top-level domain), so that it passes as {@code email}. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}\\b");
    /** Characters a URI takes as they are: no {@code %} escapes, brackets, spaces or {@code #}. */
    private static final String URI_CHARS = "[A-Za-z0-9._~/?@!$&'()*+,;=:-]*";
    /**
     * An http(s) URL of those characters with at most one fragment, so that it parses as an
     * absolute URI; without a sentence's final punctuation.
     */
    private static final Pattern URL = Pattern.compile(
            "https?://[A-Za-z0-9.-]+(?:[/?:]" + URI_CHARS + ")?(?:#" + URI_CHARS + ")?(?<![.,;:!?')])");
    private static final int LONGEST_STRING = 60;

    /**
     * Where generation stands: the references being expanded on the way here, and whether values
     * must now be the smallest that fit. A reference met again on its own path switches to the
     * smallest values, which is what ends a recursive schema.
     */
    private record Path(Set<String> refs, boolean smallest) {

        /** The root is being expanded, so a {@code $ref: "#"} inside it is already a recursion. */
        static final Path ROOT = new Path(Set.of("#"), false);

        Path into(String ref) {
            Set<String> deeper = new HashSet<>(refs);
            deeper.add(ref);
            return new Path(Set.copyOf(deeper), smallest || refs.contains(ref));
        }
    }

    private final JsonNode root;
    private final String text;
    private final String firstLine;
    private final String date;
    private final List<BigDecimal> numbers = new ArrayList<>();
    private int nextNumber;

    private SchemaValues(JsonNode root, String text) {
        this.root = root;
        this.text = text;
        this.firstLine = text.strip().lines().findFirst().orElse("").strip();
        this.date = firstDate(text);
        Matcher number = NUMBER.matcher(DATE.matcher(text).replaceAll(" "));
        while (number.find()) {
            numbers.add(new BigDecimal(number.group()));
        }
    }

    static JsonNode generate(JsonNode schema, String text) {
        return new SchemaValues(schema, text).value(schema, "", Path.ROOT);
    }

    private JsonNode value(JsonNode schema, String name, Path path) {
        if (schema.has("$ref")) {
            return reference(schema.get("$ref").asText(), name, path);
        }
        if (schema.has("enum")) {
            return enumValue(schema.get("enum"));
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(combinator).isArray() && !schema.path(combinator).isEmpty()) {
                return value(option(schema.path(combinator), path), name, path);
            }
        }
        if (path.smallest() && allowsNull(schema)) {
            return NODES.nullNode();
        }
        return switch (type(schema)) {
            case "object" -> object(schema, path);
            case "array" -> array(schema, name, path);
            case "number" -> NODES.numberNode(number(schema, name));
            case "integer" -> NODES.numberNode(number(schema, name).setScale(0, RoundingMode.HALF_UP).toBigInteger());
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema));
        };
    }

    private JsonNode reference(String ref, String name, Path path) {
        if (path.smallest() && path.refs().contains(ref)) {
            // Even the smallest value contains itself again (a required self-reference that is
            // neither nullable nor in an array): no finite value fits, so stop here.
            return NODES.nullNode();
        }
        return value(resolve(ref), name, path.into(ref));
    }

    /**
     * The target of a local reference: a JSON Pointer in the URI fragment, so percent-decoded
     * ("+" is a plus there, not a space) and then {@code ~1}/{@code ~0} unescaped by
     * {@link JsonPointer}. Other references are unknown here; an empty schema stands in.
     */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return MissingNode.getInstance();
        }
        try {
            return root.at(JsonPointer.compile(URLDecoder.decode(ref.substring(1).replace("+", "%2B"), UTF_8)));
        } catch (IllegalArgumentException notAPointer) { // an anchor such as "#node", or a stray "%"
            return MissingNode.getInstance();
        }
    }

    /** The first option, or while closing a recursion the one that ends it: a null, else one that does not recurse. */
    private static JsonNode option(JsonNode options, Path path) {
        if (path.smallest()) {
            for (JsonNode option : options) {
                if (allowsNull(option)) {
                    return option;
                }
            }
            for (JsonNode option : options) {
                if (!path.refs().contains(option.path("$ref").asText())) {
                    return option;
                }
            }
        }
        return options.get(0);
    }

    private static boolean allowsNull(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if ("null".equals(option.asText())) {
                    return true;
                }
            }
        }
        return "null".equals(type.asText());
    }

    /** The first type other than null (a nullable value is still shown), or the one a schema implies. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
            return "null";
        }
        return type.asText(schema.has("properties") ? "object" : "string");
    }

    /**
     * Every listed property, to show the whole shape; while closing a recursion only the required
     * ones. A required property that is not listed gets the additionalProperties schema.
     */
    private ObjectNode object(JsonNode schema, Path path) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        if (!path.smallest()) {
            properties.fields().forEachRemaining(p -> object.set(p.getKey(), value(p.getValue(), p.getKey(), path)));
        }
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            if (!object.has(name)) {
                JsonNode property = properties.has(name) ? properties.get(name) : schema.path("additionalProperties");
                object.set(name, value(property, name, path));
            }
        }
        return object;
    }

    /** One item shows the shape; none while closing a recursion, which is what ends a self-containing list. */
    private ArrayNode array(JsonNode schema, String name, Path path) {
        ArrayNode array = NODES.arrayNode();
        int wanted = Math.max(path.smallest() ? 0 : 1, schema.path("minItems").asInt(0));
        int count = Math.min(wanted, schema.path("maxItems").asInt(Integer.MAX_VALUE));
        for (int i = 0; i < count; i++) {
            array.add(value(schema.path("items"), name, path));
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

    /** A value in the asked format (the formats strict mode accepts), else the text's first line. */
    private String string(JsonNode schema) {
        return switch (schema.path("format").asText()) {
            case "date" -> date;
            case "date-time" -> date + "T00:00:00Z";
            case "time" -> "00:00:00Z";
            case "duration" -> "P1D";
            case "email" -> found(EMAIL, "user@example.com");
            case "uri" -> found(URL, "https://example.com/");
            case "hostname" -> "example.com";
            case "ipv4" -> "192.0.2.1";
            case "ipv6" -> "2001:db8::1";
            case "uuid" -> UUID.nameUUIDFromBytes(text.getBytes(UTF_8)).toString();
            default -> asksForDate(schema) ? date : fitted(firstLine.isEmpty() ? "unknown" : firstLine, schema);
        };
    }

    /** A date written as a pattern or described, as clients do where a format is not allowed. */
    private static boolean asksForDate(JsonNode schema) {
        return schema.path("pattern").asText().contains("[0-9]{4}-")
                || schema.path("description").asText().contains("YYYY-MM-DD");
    }

    private String found(Pattern pattern, String otherwise) {
        Matcher match = pattern.matcher(text);
        return match.find() ? match.group() : otherwise;
    }

    /** The first real calendar date in the text (2025-02-30 is none), else a fixed one. */
    private static String firstDate(String text) {
        Matcher date = DATE.matcher(text);
        while (date.find()) {
            try {
                LocalDate.parse(date.group(1));
                return date.group(1);
            } catch (DateTimeParseException notADate) {
                // look further
            }
        }
        return "2026-01-01";
    }

    /**
     * Cut to maxLength (and to a name's length: a value is not the whole document), then padded
     * with dots to minLength. JSON Schema counts code points, so a surrogate pair is never split.
     */
    private static String fitted(String value, JsonNode schema) {
        int longest = Math.min(LONGEST_STRING, schema.path("maxLength").asInt(LONGEST_STRING));
        int kept = Math.min(longest, value.codePointCount(0, value.length()));
        String cut = value.substring(0, value.offsetByCodePoints(0, kept));
        int missing = schema.path("minLength").asInt(0) - cut.codePointCount(0, cut.length());
        return cut + ".".repeat(Math.max(0, missing));
    }
}
