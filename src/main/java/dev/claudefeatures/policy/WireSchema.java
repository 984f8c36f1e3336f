package dev.claudefeatures.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schema as sent to the API. Keywords the server cannot enforce in strict mode (numeric and
 * string bounds, most array bounds, patterns) are taken out and described in words instead, as
 * the official SDKs do; the full schema still validates every answer on the client.
 */
final class WireSchema {

    private static final Set<String> UNENFORCEABLE = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "maxItems", "uniqueItems",
            "minProperties", "maxProperties");
    /** Keywords whose value is one subschema, or an object or array of subschemas. */
    private static final Set<String> SUBSCHEMA = Set.of("items", "additionalProperties", "not", "contains");
    private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "$defs", "definitions",
            "patternProperties");
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("anyOf", "allOf", "oneOf", "prefixItems");

    private WireSchema() {
    }

    static JsonNode of(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    /** Strips one schema object, then the schemas nested in it; property names are never touched. */
    private static void strip(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        List<String> moved = new ArrayList<>();
        for (String keyword : UNENFORCEABLE) {
            JsonNode value = object.remove(keyword);
            if (value != null) {
                moved.add(keyword + " " + value);
            }
        }
        JsonNode minItems = object.get("minItems");
        if (minItems != null && minItems.asInt() > 1) {
            object.remove("minItems"); // only 0 and 1 are enforceable
            moved.add("minItems " + minItems);
        }
        if (!moved.isEmpty()) {
            moved.sort(null);
            String note = "(" + String.join(", ", moved) + ")";
            String description = object.path("description").asText("");
            object.put("description", description.isEmpty() ? note : description + " " + note);
        }
        SUBSCHEMA.forEach(keyword -> strip(object.get(keyword)));
        SUBSCHEMA_MAPS.forEach(keyword -> object.path(keyword).forEach(WireSchema::strip));
        SUBSCHEMA_LISTS.forEach(keyword -> object.path(keyword).forEach(WireSchema::strip));
    }
}
