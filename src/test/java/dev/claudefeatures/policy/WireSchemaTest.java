package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the wire schema keeps, moves into the description, and where it looks for subschemas. */
class WireSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode wire(String schema) throws Exception {
        return WireSchema.of(JSON.readTree(schema));
    }

    @Test
    void minItemsOfOneIsKeptAndTwoIsMovedIntoTheDescription() throws Exception {
        assertThat(wire("{\"type\":\"array\",\"minItems\":1}").toString()).isEqualTo("{\"type\":\"array\",\"minItems\":1}");
        assertThat(wire("{\"type\":\"array\",\"minItems\":2}").toString())
                .isEqualTo("{\"type\":\"array\",\"description\":\"(minItems 2)\"}");
    }

    @Test
    void boundsAreStrippedInDefinitionsAndInEveryBranchOfACombination() throws Exception {
        JsonNode wire = wire("""
                {"type":"object",
                 "$defs":{"amount":{"type":"number","minimum":0}},
                 "properties":{"code":{"anyOf":[{"type":"string","pattern":"^A"},{"type":"integer","maximum":9}]},
                               "tags":{"type":"array","items":{"type":"string","maxLength":5}}}}""");

        assertThat(wire.path("$defs").path("amount").path("description").asText()).isEqualTo("(minimum 0)");
        assertThat(wire.path("properties").path("code").path("anyOf").get(0).has("pattern")).isFalse();
        assertThat(wire.path("properties").path("code").path("anyOf").get(1).path("description").asText())
                .isEqualTo("(maximum 9)");
        assertThat(wire.path("properties").path("tags").path("items").path("description").asText())
                .isEqualTo("(maxLength 5)");
    }

    @Test
    void aPropertyNamedLikeAKeywordIsNotTouchedAndTheOriginalStaysWhole() throws Exception {
        JsonNode original = JSON.readTree("{\"type\":\"object\",\"properties\":{\"minimum\":{\"type\":\"number\"}}}");

        JsonNode wire = WireSchema.of(original);

        assertThat(wire.path("properties").has("minimum")).isTrue();
        assertThat(WireSchema.of(JSON.readTree("{\"type\":\"number\",\"minimum\":1}"))).isNotEqualTo(original);
        assertThat(original.toString()).isEqualTo("{\"type\":\"object\",\"properties\":{\"minimum\":{\"type\":\"number\"}}}");
    }
}
