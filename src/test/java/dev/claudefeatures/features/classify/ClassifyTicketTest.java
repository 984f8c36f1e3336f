package dev.claudefeatures.features.classify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.telemetry.UsageLog;
import dev.claudefeatures.testing.LineCapture;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /classify/ticket: Sonnet for the volume, Opus only below the confidence threshold (0.7). */
@QuarkusTest
class ClassifyTicketTest extends OnTheSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKET = "{\"text\": \"I was charged twice for my billing period in October.\"}";



    private List<ReceivedRequest> callsDuring(Runnable action) {
        long before = simulator.receivedCount();
        action.run();
        return simulator.receivedSince(before);
    }


    @Test
    void aConfidentAnswerFromSonnetIsFinal() throws Exception {
        LineCapture stdout = LineCapture.install();
        List<ReceivedRequest> calls = callsDuring(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("billing"))
                .body("confidence", equalTo(0.9f))
                .body("model", equalTo("claude-sonnet-4-6")));
        List<JsonNode> usage = stdout.ofType(UsageLog.TYPE);

        assertThat(calls).hasSize(1);
        JsonNode schema = JSON.readTree(calls.get(0).body()).path("tools").get(0).path("input_schema");
        assertThat(schema.path("properties").path("category").path("enum").toString())
                .isEqualTo("[\"billing\",\"technical\",\"account\",\"shipping\",\"other\"]");
        assertThat(usage).singleElement().satisfies(line -> assertThat(line.path("escalation").asBoolean()).isFalse());
    }

    @Test
    void anAnswerBelowTheThresholdIsAskedAgainOfOpusAndSaysSo() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"category\":\"account\",\"confidence\":0.45}")));
        LineCapture stdout = LineCapture.install();
        List<ReceivedRequest> calls = callsDuring(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("billing"))
                .body("model", equalTo("claude-opus-4-6")));
        List<JsonNode> usage = stdout.ofType(UsageLog.TYPE);

        assertThat(calls).extracting(call -> JSON.readTree(call.body()).path("model").asText())
                .containsExactly("claude-sonnet-4-6", "claude-opus-4-6");
        assertThat(usage).extracting(line -> line.path("model").asText() + "/" + line.path("escalation").asBoolean())
                .containsExactly("claude-sonnet-4-6/false", "claude-opus-4-6/true");
    }

    @Test
    void anAnswerAtTheThresholdIsNotEscalated() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"category\":\"shipping\",\"confidence\":0.7}")));

        List<ReceivedRequest> calls = callsDuring(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("shipping"))
                .body("model", equalTo("claude-sonnet-4-6")));

        assertThat(calls).hasSize(1);
    }

    @Test
    void whenTheEscalationFailsTheFirstAnswerStands() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"category\":\"account\",\"confidence\":0.3}")));
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        }

        given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("account"))
                .body("confidence", equalTo(0.3f))
                .body("model", equalTo("claude-sonnet-4-6"));
    }

    @Test
    void aCategoryOutsideTheConfiguredOnesIsRepaired() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"category\":\"refunds\",\"confidence\":0.95}")));

        List<ReceivedRequest> calls = callsDuring(() -> given().contentType(ContentType.JSON).body(TICKET)
                .when().post("/classify/ticket")
                .then().statusCode(200)
                .body("category", equalTo("billing")));

        // The first answer was the fault's; the second call is the repair, naming what was wrong.
        assertThat(calls).hasSize(2);
        JsonNode repair = JSON.readTree(calls.get(1).body()).path("messages");
        assertThat(repair.get(1).path("content").get(0).path("input").path("category").asText()).isEqualTo("refunds");
        assertThat(repair.get(2).path("content").get(0).path("content").asText()).contains("/category");
    }
}
