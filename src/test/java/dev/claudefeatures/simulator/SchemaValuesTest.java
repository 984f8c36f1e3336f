package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulated model's structured values: schema-valid, and read off the text where possible. */
class SchemaValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode generate(String schema, String text) throws Exception {
        return SchemaValues.generate(JSON.readTree(schema), text);
    }

    @Test
    void amountsAreStandaloneNumbersNotPartsOfIdentifiersOrDates() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{"amount":{"type":"number"},"total":{"type":"number"}}}""",
                "Invoice A-118 (v2), issued 2026-11-02\nConsulting: 1200.00\nTotal: -5 credit, 1250.50 due");

        assertThat(value.path("amount").decimalValue()).isEqualByComparingTo("1200.00");
        assertThat(value.path("total").decimalValue()).isEqualByComparingTo("1250.50");
    }

    @Test
    void boundsAreReadFromKeywordsOrFromTheDescriptionAClientMovedThemTo() throws Exception {
        assertThat(generate("{\"type\":\"number\",\"minimum\":0,\"maximum\":1}", "99").asDouble()).isEqualTo(0.9);
        assertThat(generate("{\"type\":\"number\",\"description\":\"Sure (maximum 1, minimum 0)\"}", "99").asDouble())
                .isEqualTo(0.9);
        assertThat(generate("{\"type\":\"integer\",\"minimum\":10}", "3").asInt()).isEqualTo(10);
    }

    @Test
    void enumsDatesAndStringsComeFromTheText() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{
                  "category":{"type":"string","enum":["billing","shipping"]},
                  "date":{"type":"string","format":"date"},
                  "vendor":{"type":"string"},
                  "paid":{"type":"boolean"},
                  "items":{"type":"array","minItems":2,"items":{"type":"string"}}}}""",
                "ACME Ltd\nShipping delay reported on 2026-03-04.");

        assertThat(value.path("category").asText()).isEqualTo("shipping");
        assertThat(value.path("date").asText()).isEqualTo("2026-03-04");
        assertThat(value.path("vendor").asText()).isEqualTo("ACME Ltd");
        assertThat(value.path("paid").asBoolean()).isTrue();
        assertThat(value.path("items")).hasSize(2);
    }
}
