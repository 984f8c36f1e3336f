package dev.claudefeatures.policy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * A compiled JSON Schema (2020-12) that lists what is wrong with an answer, path first, with its
 * wire form for requests; both are built once per schema, not per call.
 */
public final class SchemaCheck {

    /** Formats are asserted, not only annotated: a date like 2025-02-30 is a violation to repair. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final JsonNode schema;
    private final JsonNode wireSchema;
    private final Schema compiled;

    public SchemaCheck(String name, JsonNode schema) {
        this.schema = schema;
        this.wireSchema = WireSchema.of(schema);
        this.compiled = REGISTRY.getSchema(SchemaLocation.of("urn:claude-features:schema:" + name), schema);
    }

    /** The full schema, which judges answers on the client. */
    public JsonNode schema() {
        return schema;
    }

    /** The schema as sent to the API, made once: see {@link WireSchema}. */
    public JsonNode wireSchema() {
        return wireSchema;
    }

    /** The violations, e.g. {@code /total: string found, number expected}; empty when it fits. */
    public List<String> violations(JsonNode answer) {
        return compiled.validate(answer).stream()
                .map(error -> {
                    String at = error.getInstanceLocation().toString();
                    return (at.isEmpty() ? "(root)" : at) + ": " + error.getMessage();
                })
                .toList();
    }
}
