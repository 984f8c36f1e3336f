package dev.claudefeatures.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The official TypeScript SDK's types of the Messages API, as {@link SdkTypesExtractor} wrote
 * them to {@code src/test/resources/sdk-types/anthropic-sdk-typescript.json}, and a check of a JSON
 * value against one of them: every required field present, {@code null} only where the type
 * allows it, literals and enums among their values, and no field the type does not declare.
 */
public final class SdkTypes {

    private static final String TABLE = "/sdk-types/anthropic-sdk-typescript.json";

    private final JsonNode table;

    private SdkTypes(JsonNode table) {
        this.table = table;
    }

    public static SdkTypes load() {
        try (InputStream in = SdkTypes.class.getResourceAsStream(TABLE)) {
            return new SdkTypes(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which SDK and files the table was taken from, e.g. {@code @anthropic-ai/sdk 1.10.0}. */
    public String source() {
        return table.path("source").asText();
    }

    /** The members of an alias's union, e.g. {@code ToolUnion} → {@code Tool, ToolBash20250124, ...}. */
    public List<String> members(String type) {
        List<String> members = new ArrayList<>();
        declaration(type).path("union").forEach(member -> members.add(member.asText()));
        return members;
    }

    /** The string literals of a union such as {@code StopReason}, unquoted. */
    public List<String> literals(String type) {
        return members(type).stream().filter(member -> member.startsWith("'")).map(SdkTypes::unquote).toList();
    }

    /** The union members of a field, e.g. {@code ("OutputConfig", "effort")} → {@code 'low', ..., null}. */
    public List<String> fieldTypes(String type, String field) {
        List<String> types = new ArrayList<>();
        declaration(type).path("fields").path(field).path("types").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            throw new IllegalArgumentException(type + " has no field " + field);
        }
        return types;
    }

    /** The field names of an interface. */
    public List<String> fieldNames(String type) {
        List<String> names = new ArrayList<>();
        declaration(type).path("fields").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every way {@code value} departs from {@code type}, each as {@code path: what}; empty when it fits. */
    public List<String> violations(JsonNode value, String type) {
        List<String> found = new ArrayList<>();
        check(value, List.of(type), "$", found);
        return found;
    }

    private JsonNode declaration(String type) {
        JsonNode declaration = table.path("types").get(type);
        if (declaration == null) {
            throw new IllegalArgumentException("The SDK type table has no " + type + "; refresh it (docs/SIMULATOR.md)");
        }
        return declaration;
    }

    private void check(JsonNode value, List<String> union, String path, List<String> found) {
        if (value == null || value.isNull()) {
            if (!union.contains("null")) {
                found.add(path + ": null, but the type is " + String.join(" | ", union));
            }
            return;
        }
        List<String> best = null;
        for (String member : union) {
            if (member.equals("null")) {
                continue;
            }
            List<String> attempt = new ArrayList<>();
            checkMember(value, member, path, attempt);
            if (attempt.isEmpty()) {
                return;
            }
            // The member chosen by the value's own "type" tag explains the misfit best.
            if (best == null || selects(member, value)) {
                best = attempt;
            }
        }
        found.addAll(best == null ? List.of(path + ": fits none of " + union) : best);
    }

    private boolean selects(String member, JsonNode value) {
        JsonNode declaration = table.path("types").path(member);
        JsonNode tag = declaration.path("fields").path("type").path("types");
        return value.isObject() && tag.size() == 1 && tag.get(0).asText().equals("'" + value.path("type").asText() + "'");
    }

    private void checkMember(JsonNode value, String member, String path, List<String> found) {
        if (member.startsWith("'")) {
            if (!value.isTextual() || !value.asText().equals(unquote(member))) {
                found.add(path + ": " + value + " is not " + member);
            }
            return;
        }
        if (member.startsWith("Array<")) {
            if (!value.isArray()) {
                found.add(path + ": not an array");
                return;
            }
            List<String> element = SdkTypesExtractor.union(member.substring(6, member.length() - 1));
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), element, path + "[" + i + "]", found);
            }
            return;
        }
        switch (member) {
            case "unknown" -> { }
            case "string" -> expect(value.isTextual(), path, "a string", value, found);
            case "number" -> expect(value.isNumber(), path, "a number", value, found);
            case "boolean" -> expect(value.isBoolean(), path, "a boolean", value, found);
            case "object" -> expect(value.isObject(), path, "an object", value, found);
            default -> checkDeclared(value, member, path, found);
        }
    }

    private void checkDeclared(JsonNode value, String type, String path, List<String> found) {
        JsonNode declaration = declaration(type.contains(".") ? type.substring(type.indexOf('.') + 1) : type);
        if (declaration.has("union")) {
            List<String> members = new ArrayList<>();
            declaration.path("union").forEach(m -> members.add(m.asText()));
            check(value, members, path, found);
            return;
        }
        if (!value.isObject()) {
            found.add(path + ": " + value + " is not an object of type " + type);
            return;
        }
        JsonNode fields = declaration.path("fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode present = value.get(field.getKey());
            if (present == null) {
                if (field.getValue().path("required").asBoolean()) {
                    found.add(path + "." + field.getKey() + ": missing, but " + type + " requires it");
                }
                continue;
            }
            List<String> types = new ArrayList<>();
            field.getValue().path("types").forEach(t -> types.add(t.asText()));
            check(present, types, path + "." + field.getKey(), found);
        }
        value.fieldNames().forEachRemaining(name -> {
            if (!fields.has(name)) {
                found.add(path + "." + name + ": not a field of " + type);
            }
        });
    }

    private static void expect(boolean fits, String path, String what, JsonNode value, List<String> found) {
        if (!fits) {
            found.add(path + ": " + value + " is not " + what);
        }
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }
}
