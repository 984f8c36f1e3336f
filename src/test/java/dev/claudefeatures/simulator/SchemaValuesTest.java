package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The simulated model's structured values: schema-valid, and read off the text where possible. */
class SchemaValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Formats asserted, not only annotated, so that a value in the wrong format is a violation. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final String INVOICE = """
            Invoice from ada@example.org, see https://example.org/invoices/7.
            Due 2026-03-04, total 1250.50""";

    private static JsonNode generate(String schema, String text) throws Exception {
        return SchemaValues.generate(JSON.readTree(schema), text);
    }

    private static List<String> violations(String schema, JsonNode value) throws Exception {
        Schema compiled = REGISTRY.getSchema(SchemaLocation.of("urn:claude-features:test:values"), JSON.readTree(schema));
        return compiled.validate(value).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** Compared as JSON text: a generated 9 is a decimal node, which does not equal a parsed int node. */
    private static void assertJson(JsonNode value, String expected) throws Exception {
        assertThat(value.toString()).isEqualTo(JSON.readTree(expected).toString());
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
    void otherNumbersTakeTheTextsNumbersInTurn() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"},"c":{"type":"number"}}}""",
                "1 and 2");

        assertJson(value, "{\"a\":1,\"b\":2,\"c\":1}");
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

    @Test
    void referencesToDefsAndDefinitionsResolveAgainstTheRootAtAnyDepth() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{
                   "buyer":{"$ref":"#/$defs/party"},
                   "lines":{"type":"array","items":{"$ref":"#/definitions/line"}},
                   "note":{"anyOf":[{"$ref":"#/$defs/code"},{"type":"null"}]}},
                 "$defs":{"party":{"type":"object","properties":{"name":{"type":"string"},"mail":{"$ref":"#/$defs/mail"}}},
                          "mail":{"type":"string","format":"email"},
                          "code":{"const":"X1"}},
                 "definitions":{"line":{"type":"object","properties":{"total":{"type":"number"}}}}}""",
                "ACME 7 and 9");

        assertJson(value, """
                {"buyer":{"name":"ACME 7 and 9","mail":"user@example.com"},"lines":[{"total":9}],"note":"X1"}""");
    }

    @Test
    void pointersArePercentDecodedAndTildeUnescaped() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{
                   "slash":{"$ref":"#/$defs/a~1b"},"tilde":{"$ref":"#/$defs/c~0d"},
                   "space":{"$ref":"#/$defs/line%20item"},"plus":{"$ref":"#/$defs/x+y"},
                   "deep":{"$ref":"#/$defs/outer/properties/inner"}},
                 "$defs":{"a/b":{"const":1},"c~d":{"const":2},"line item":{"const":3},"x+y":{"const":4},
                          "outer":{"properties":{"inner":{"const":5}}}}}""", "");

        assertJson(value, "{\"slash\":1,\"tilde\":2,\"space\":3,\"plus\":4,\"deep\":5}");
    }

    @Test
    void aReferenceThatCannotBeResolvedHereGetsTheTextLikeAnUntypedValue() throws Exception {
        for (String ref : List.of("other.json#/$defs/a", "#node", "#/$defs/missing", "#/$defs/%zz")) {
            assertThat(generate("{\"$ref\":\"" + ref + "\",\"$defs\":{\"%zz\":{\"const\":1}}}", "ACME").asText())
                    .as(ref).isEqualTo("ACME");
        }
    }

    @Test
    void aRecursionToTheRootEndsWithOnlyTheRequiredPropertiesAndEmptyLists() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{
                   "name":{"type":"string"},"note":{"type":"string"},"code":{"type":["integer","string"]},
                   "children":{"type":"array","items":{"$ref":"#"}}},
                 "required":["name","code","children"]}""", "Root 7");

        assertJson(value, """
                {"name":"Root 7","note":"Root 7","code":7,"children":[{"name":"Root 7","code":7,"children":[]}]}""");
    }

    @Test
    void aNullableRecursionEndsInNull() throws Exception {
        JsonNode parent = generate("""
                {"type":"object","properties":{"name":{"type":"string"},"parent":{"anyOf":[{"$ref":"#"},{"type":"null"}]}},
                 "required":["name","parent"]}""", "Leaf");
        JsonNode next = generate("""
                {"$ref":"#/$defs/node","$defs":{"node":{"type":["object","null"],
                   "properties":{"next":{"$ref":"#/$defs/node"}},"required":["next"]}}}""", "");
        JsonNode nullableOption = generate("""
                {"type":"object","properties":{"up":{"anyOf":[{"$ref":"#"},{"type":["string","null"]}]}},
                 "required":["up"]}""", "x");
        JsonNode nullLast = generate("""
                {"$ref":"#/$defs/a","$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"string"},{"type":"null"}]}}}""", "x");

        assertJson(parent, "{\"name\":\"Leaf\",\"parent\":{\"name\":\"Leaf\",\"parent\":null}}");
        assertJson(next, "{\"next\":null}");
        assertJson(nullableOption, "{\"up\":{\"up\":null}}");
        assertJson(nullLast, "null");
    }

    @Test
    void closingARecursionTakesAnOptionThatDoesNotRecurse() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{"child":{"anyOf":[{"$ref":"#"},{"type":"string"}]}},"required":["child"]}""",
                "Text");

        assertJson(value, "{\"child\":{\"child\":\"Text\"}}");
    }

    @Test
    void aSelfReferenceThatNoFiniteValueFitsStillEnds() throws Exception {
        JsonNode required = generate("""
                {"type":"object","properties":{"self":{"$ref":"#"}},"required":["self"]}""", "");
        JsonNode cycle = generate("""
                {"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}}}""", "");
        JsonNode root = generate("{\"$ref\":\"#\"}", "");

        assertJson(required, "{\"self\":{\"self\":null}}");
        assertThat(cycle.isNull()).isTrue();
        assertThat(root.isNull()).isTrue();
    }

    @Test
    void requiredPropertiesAreAlwaysPresentEvenWhenNotListed() throws Exception {
        JsonNode value = generate("""
                {"type":"object","properties":{"a":{"type":"boolean"}},"required":["a","b","c"],
                 "additionalProperties":{"type":"integer"}}""", "42");
        JsonNode untyped = generate("{\"type\":\"object\",\"required\":[\"id\"]}", "A-1");

        assertJson(value, "{\"a\":true,\"b\":42,\"c\":42}");
        assertJson(untyped, "{\"id\":\"A-1\"}");
    }

    @Test
    void typesAreTheFirstNonNullOneOrNullAlone() throws Exception {
        assertThat(generate("{\"type\":[\"null\",\"string\"]}", "ACME").asText()).isEqualTo("ACME");
        assertThat(generate("{\"type\":[\"null\"]}", "ACME").isNull()).isTrue();
        assertThat(generate("{\"type\":\"null\"}", "ACME").isNull()).isTrue();
        assertThat(generate("{\"properties\":{\"a\":{\"const\":1}}}", "ACME")).isEqualTo(JSON.readTree("{\"a\":1}"));
        assertThat(generate("{}", "ACME").asText()).isEqualTo("ACME");
    }

    @Test
    void itemCountsRespectMinItemsAndMaxItems() throws Exception {
        assertThat(generate("{\"type\":\"array\",\"items\":{\"const\":1}}", "")).hasSize(1);
        assertThat(generate("{\"type\":\"array\",\"minItems\":0,\"items\":{\"const\":1}}", "")).hasSize(1);
        assertThat(generate("{\"type\":\"array\",\"minItems\":3,\"items\":{\"const\":1}}", "")).hasSize(3);
        assertThat(generate("{\"type\":\"array\",\"minItems\":3,\"maxItems\":3,\"items\":{\"const\":1}}", "")).hasSize(3);
        assertThat(generate("{\"type\":\"array\",\"maxItems\":0,\"items\":{\"const\":1}}", "")).isEmpty();
    }

    @Test
    void stringsArePaddedToMinLengthAndCutToMaxLengthInCodePoints() throws Exception {
        String line = "0123456789".repeat(7);

        assertThat(generate("{\"type\":\"string\",\"minLength\":12}", "ACME Ltd").asText()).isEqualTo("ACME Ltd....");
        assertThat(generate("{\"type\":\"string\",\"minLength\":8}", "ACME Ltd").asText()).isEqualTo("ACME Ltd");
        assertThat(generate("{\"type\":\"string\",\"maxLength\":4}", "ACME Ltd").asText()).isEqualTo("ACME");
        assertThat(generate("{\"type\":\"string\",\"maxLength\":8}", "ACME Ltd").asText()).isEqualTo("ACME Ltd");
        assertThat(generate("{\"type\":\"string\"}", line).asText()).isEqualTo(line.substring(0, 60));
        assertThat(generate("{\"type\":\"string\"}", line.substring(0, 60)).asText()).isEqualTo(line.substring(0, 60));
        assertThat(generate("{\"type\":\"string\",\"minLength\":62}", line).asText()).isEqualTo(line.substring(0, 60) + "..");
        assertThat(generate("{\"type\":\"string\",\"maxLength\":2}", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00").asText())
                .isEqualTo("\uD83D\uDE00\uD83D\uDE00");
        assertThat(generate("{\"type\":\"string\",\"minLength\":3}", "\uD83D\uDE00").asText()).isEqualTo("\uD83D\uDE00..");
        assertThat(generate("{\"type\":\"string\"}", "  \n ").asText()).isEqualTo("unknown");
    }

    @Test
    void formatsTakeAnAddressUrlOrDateFromTheTextElseAFixedValue() throws Exception {
        String fields = """
                {"type":"object","properties":{
                  "date":{"type":"string","format":"date"},"at":{"type":"string","format":"date-time"},
                  "time":{"type":"string","format":"time"},"mail":{"type":"string","format":"email"},
                  "id":{"type":"string","format":"uuid"},"site":{"type":"string","format":"uri"},
                  "host":{"type":"string","format":"hostname"},"v4":{"type":"string","format":"ipv4"},
                  "v6":{"type":"string","format":"ipv6"},"for":{"type":"string","format":"duration"},
                  "other":{"type":"string","format":"color","maxLength":5}}}""";

        assertThat(generate(fields, INVOICE)).isEqualTo(JSON.readTree("""
                {"date":"2026-03-04","at":"2026-03-04T00:00:00Z","time":"00:00:00Z","mail":"ada@example.org",
                 "id":"e98683d1-c5dc-34d4-beae-f8b96b47373c","site":"https://example.org/invoices/7",
                 "host":"example.com","v4":"192.0.2.1","v6":"2001:db8::1","for":"P1D","other":"Invoi"}"""));
        assertThat(generate(fields, "Order for ada@example.org").path("id").asText())
                .isEqualTo("36ac8ba9-1212-3d8c-9c73-a8fa810ab5c4");
        assertThat(generate(fields, "Nothing here")).isEqualTo(JSON.readTree("""
                {"date":"2026-01-01","at":"2026-01-01T00:00:00Z","time":"00:00:00Z","mail":"user@example.com",
                 "id":"c658b02e-f969-3ac6-b9ec-490ba6b78fc8","site":"https://example.com/",
                 "host":"example.com","v4":"192.0.2.1","v6":"2001:db8::1","for":"P1D","other":"Nothi"}"""));
    }

    @Test
    void aDateNotOnTheCalendarIsSkippedAndAFormatBeatsADescribedDate() throws Exception {
        String text = "Filed 2025-02-30, corrected 2025-03-01";

        assertThat(generate("{\"type\":\"string\",\"format\":\"date\"}", text).asText()).isEqualTo("2025-03-01");
        assertThat(generate("{\"type\":\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}", text).asText())
                .isEqualTo("2025-03-01");
        assertThat(generate("{\"type\":\"string\",\"description\":\"YYYY-MM-DD\"}", text).asText()).isEqualTo("2025-03-01");
        assertThat(generate("{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"YYYY-MM-DD\"}", text).asText())
                .isEqualTo("2025-03-01T00:00:00Z");
        assertThat(generate("{\"type\":\"string\",\"format\":\"date\"}", "2025-13-01 or 2025-02-29").asText())
                .isEqualTo("2026-01-01");
    }

    @Test
    void addressesAndUrlsAreTakenWithoutTheSentenceAroundThem() throws Exception {
        String email = "{\"type\":\"string\",\"format\":\"email\"}";
        String uri = "{\"type\":\"string\",\"format\":\"uri\"}";

        assertThat(generate(email, "Write to ..jo.doe+bills@mail.example.co.uk.").asText())
                .isEqualTo("jo.doe+bills@mail.example.co.uk");
        assertThat(generate(email, "not an address: a@b, @example.com").asText()).isEqualTo("user@example.com");
        assertThat(generate(uri, "See https://example.org/docs?q=1&r=2.").asText()).isEqualTo("https://example.org/docs?q=1&r=2");
        assertThat(generate(uri, "(http://example.org:8080/a#top)").asText()).isEqualTo("http://example.org:8080/a#top");
        assertThat(generate(uri, "Home: https://example.org.").asText()).isEqualTo("https://example.org");
        assertThat(generate(uri, "ftp://example.org or https://").asText()).isEqualTo("https://example.com/");
    }

    /** Schemas as strict mode takes them; each generated value, for a rich and an empty text, must validate. */
    @ParameterizedTest
    @ValueSource(strings = {
        // $defs, nested in an object and behind anyOf
        """
        {"type":"object","properties":{"buyer":{"$ref":"#/$defs/party"},"seller":{"anyOf":[{"$ref":"#/$defs/party"},{"type":"null"}]}},
         "required":["buyer","seller"],"additionalProperties":false,
         "$defs":{"party":{"type":"object","properties":{"name":{"type":"string","minLength":3},"mail":{"type":"string","format":"email"}},
                           "required":["name","mail"],"additionalProperties":false}}}""",
        // definitions, the older keyword, in array items
        """
        {"type":"object","properties":{"lines":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/line"}}},
         "required":["lines"],"additionalProperties":false,
         "definitions":{"line":{"type":"object","properties":{"total":{"type":"number"},"sku":{"$ref":"#/definitions/sku"}},
                                "required":["total","sku"],"additionalProperties":false},
                        "sku":{"type":"string","format":"uuid"}}}""",
        // recursion to the root through array items
        """
        {"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}},
         "required":["name","children"],"additionalProperties":false}""",
        // recursion to the root through a nullable option
        """
        {"type":"object","properties":{"name":{"type":"string","maxLength":4},"parent":{"anyOf":[{"$ref":"#"},{"type":"null"}]}},
         "required":["name","parent"],"additionalProperties":false}""",
        // mutual recursion between definitions, nested in arrays
        """
        {"type":"array","items":{"$ref":"#/$defs/folder"},"maxItems":1,
         "$defs":{"folder":{"type":"object","properties":{"files":{"type":"array","items":{"$ref":"#/$defs/file"}}},
                            "required":["files"],"additionalProperties":false},
                  "file":{"type":"object","properties":{"in":{"$ref":"#/$defs/folder"},"at":{"type":"string","format":"date-time"}},
                          "required":["in","at"],"additionalProperties":false}}}""",
        // a nullable definition that refers to itself
        """
        {"$ref":"#/$defs/node","$defs":{"node":{"type":["object","null"],"properties":{"next":{"$ref":"#/$defs/node"},
           "value":{"type":"integer"}},"required":["next","value"],"additionalProperties":false}}}""",
        // every format strict mode accepts
        """
        {"type":"object","properties":{"date":{"type":"string","format":"date"},"at":{"type":"string","format":"date-time"},
           "time":{"type":"string","format":"time"},"mail":{"type":"string","format":"email"},
           "id":{"type":"string","format":"uuid"},"site":{"type":"string","format":"uri"},
           "host":{"type":"string","format":"hostname"},"v4":{"type":"string","format":"ipv4"},
           "v6":{"type":"string","format":"ipv6"},"for":{"type":"string","format":"duration"}},
         "required":["date","at","time","mail","id","site","host","v4","v6","for"],"additionalProperties":false}""",
        // formats behind references, lengths and item counts
        """
        {"type":"object","properties":{"contacts":{"type":"array","minItems":1,"maxItems":2,"items":{"$ref":"#/$defs/contact"}},
           "code":{"type":["string","null"],"minLength":70},"tag":{"type":"string","maxLength":3},
           "kind":{"enum":["billing","shipping"]}},
         "required":["contacts","code","tag","kind"],"additionalProperties":false,
         "$defs":{"contact":{"type":"object","properties":{"web":{"type":"string","format":"uri"},"host":{"type":"string","format":"hostname"},
                             "ip":{"anyOf":[{"type":"string","format":"ipv4"},{"type":"string","format":"ipv6"}]}},
                             "required":["web","host","ip"],"additionalProperties":false}}}"""
    })
    void everyGeneratedValueValidatesAgainstItsSchema(String schema) throws Exception {
        for (String text : List.of(INVOICE, "")) {
            JsonNode value = generate(schema, text);

            assertThat(violations(schema, value)).as(value.toString()).isEmpty();
        }
    }

    /** The check above means something only if the validator asserts formats and follows references. */
    @Test
    void theValidatorAssertsFormatsAndFollowsReferences() throws Exception {
        assertThat(violations("{\"type\":\"string\",\"format\":\"email\"}", JSON.readTree("\"not an address\""))).hasSize(1);
        assertThat(violations("{\"$ref\":\"#/definitions/id\",\"definitions\":{\"id\":{\"format\":\"uuid\"}}}",
                JSON.readTree("\"x\""))).hasSize(1);
        assertThat(violations("""
                {"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}""",
                JSON.readTree("{\"name\":\"a\",\"children\":[{\"name\":1}]}"))).hasSize(1);
    }
}
