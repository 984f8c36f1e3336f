package dev.claudefeatures.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks a log line against the CloudWatch Embedded Metric Format specification: the root-node
 * schema ({@code emf/emf-schema.json}) and the rules a schema cannot state.
 */
final class EmfDocument {

    /** A metric as one directive declares it: namespace, name, unit and one dimension set. */
    record Declared(String namespace, String metric, String unit, Set<String> dimensionSet) {
    }

    /** Values of one metric in one document: the spec's limit. */
    static final int MAX_VALUES = 100;
    /** How far from now CloudWatch accepts a timestamp. */
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);

    private static final Schema SCHEMA = load();

    private EmfDocument() {
    }

    private static Schema load() {
        try (InputStream in = EmfDocument.class.getResourceAsStream("/emf/emf-schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("urn:claude-features:test:emf"), schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything that keeps CloudWatch from extracting the metrics of {@code document}; empty when none. */
    static List<String> violations(JsonNode document, Instant now) {
        List<String> problems = new ArrayList<>();
        SCHEMA.validate(document).forEach(error -> problems.add(error.getInstanceLocation() + ": " + error.getMessage()));
        if (!problems.isEmpty()) {
            return problems;
        }
        Instant timestamp = Instant.ofEpochMilli(document.path("_aws").path("Timestamp").asLong());
        if (timestamp.isBefore(now.minus(MAX_AGE)) || timestamp.isAfter(now.plus(MAX_AHEAD))) {
            problems.add("/_aws/Timestamp: " + timestamp + " is outside what CloudWatch accepts");
        }
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode name : set) {
                    // Target members: every dimension a directive names is a string member of the root.
                    if (!document.path(name.asText()).isTextual()) {
                        problems.add("dimension " + name.asText() + " has no string value at the root");
                    }
                }
            }
            for (JsonNode metric : directive.path("Metrics")) {
                JsonNode value = document.path(metric.path("Name").asText());
                boolean valid = value.isNumber()
                        || value.isArray() && value.size() >= 1 && value.size() <= MAX_VALUES
                                && allNumbers(value);
                if (!valid) {
                    problems.add("metric " + metric.path("Name").asText() + " has no number (or array of 1 to "
                            + MAX_VALUES + " numbers) at the root: " + value);
                }
            }
        }
        return problems;
    }

    /** Each metric of each directive, once per dimension set it is declared under. */
    static Set<Declared> declared(JsonNode document) {
        Set<Declared> declared = new LinkedHashSet<>();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                Set<String> names = new LinkedHashSet<>();
                set.forEach(name -> names.add(name.asText()));
                for (JsonNode metric : directive.path("Metrics")) {
                    declared.add(new Declared(directive.path("Namespace").asText(), metric.path("Name").asText(),
                            metric.path("Unit").asText("None"), Set.copyOf(names)));
                }
            }
        }
        return declared;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
