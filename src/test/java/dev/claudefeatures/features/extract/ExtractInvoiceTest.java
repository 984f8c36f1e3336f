package dev.claudefeatures.features.extract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /extract/invoice on Sonnet 4.6: a forced strict tool, validated, repaired at most once. */
@QuarkusTest
class ExtractInvoiceTest extends OnTheSimulator {

    static final String INVOICE = """
            Nordlicht Software GmbH
            Invoice A-118, issued 2026-11-02
            Consulting, October: 1200.00
            Travel: 300.50
            Total due: 1500.50 EUR""";

    private static final ObjectMapper JSON = new ObjectMapper();



    private static String body() {
        return JSON.createObjectNode().put("text", INVOICE).toString();
    }

    private static JsonNode requestBody(ReceivedRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void extractsAnInvoiceThatFitsTheSchema() throws Exception {
        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/invoice")
                .then().statusCode(200)
                .body("vendor", equalTo("Nordlicht Software GmbH"))
                .body("date", equalTo("2026-11-02"))
                .body("line_items", hasSize(1))
                .body("line_items[0].description", equalTo("Nordlicht Software GmbH"))
                .body("total", equalTo(1500.50f));

        JsonNode sent = requestBody(simulator.lastReceived());
        assertThat(sent.path("tool_choice").path("type").asText()).isEqualTo("tool");
        assertThat(sent.path("tools").get(0).path("strict").asBoolean()).isTrue();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void aViolatingAnswerIsRepairedOnceWithTheViolationsAsAnErrorToolResult() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree(
                "{\"vendor\":\"Nordlicht\",\"date\":\"2 Nov 2026\",\"line_items\":[],\"total\":\"1500.50\"}")));
        long before = simulator.receivedCount();

        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/invoice")
                .then().statusCode(200)
                .body("vendor", equalTo("Nordlicht Software GmbH"))
                .body("total", equalTo(1500.50f));

        List<ReceivedRequest> calls = simulator.receivedSince(before);
        assertThat(calls).hasSize(2);
        JsonNode repair = requestBody(calls.get(1));
        JsonNode messages = repair.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content").get(0).path("type").asText()).isEqualTo("tool_use");
        JsonNode result = messages.get(2).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText())
                .isEqualTo(messages.get(1).path("content").get(0).path("id").asText());
        assertThat(result.path("is_error").asBoolean()).isTrue();
        assertThat(result.path("content").asText())
                .contains("/date: does not match the regex pattern")
                .contains("/line_items: must have at least 1 items")
                .contains("/total: string found, number expected");
    }

    @Test
    void aSecondViolationIsA502ListingTheViolations() throws Exception {
        JsonNode bad = JSON.readTree("{\"vendor\":\"\",\"date\":\"2026-11-02\",\"line_items\":[{\"description\":\"x\",\"amount\":1}],\"total\":1}");
        simulator.failNext(Fault.answer(bad));
        simulator.failNext(Fault.answer(bad));

        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/invoice")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:invalid-answer"))
                .body("violations", containsInAnyOrder("/vendor: must be at least 1 characters long"));
    }

    @Test
    void anAnswerCutAtMaxTokensIsAProblemNotAHalfParsedObject() {
        simulator.failNext(Fault.stop("max_tokens"));

        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/invoice")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:incomplete-answer"));
    }

    @Test
    void aRefusalIsA422Problem() {
        simulator.failNext(Fault.stop("refusal"));

        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/invoice")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:answer-refused"));
    }

    @Test
    void anUnknownExtractorIsA404Problem() {
        given().contentType(ContentType.JSON).body(body())
                .when().post("/extract/passport")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:claude-features:problem:not-found"));
    }

    @Test
    void blankTextIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"text\":\" \"}")
                .when().post("/extract/invoice")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
