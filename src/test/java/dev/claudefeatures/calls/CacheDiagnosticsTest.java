package dev.claudefeatures.calls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A feature with {@code cache.diagnostics=true} (support-reply) names its previous message in the
 * next request, with the beta header, so that the API can say why a cache prefix was missed.
 */
@QuarkusTest
class CacheDiagnosticsTest extends OnTheSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRequestNamesTheFeaturesPreviousMessage() throws Exception {
        given().contentType(ContentType.JSON).body("{\"ticket\":\"My mugs arrived broken.\"}")
                .when().post("/support/reply").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"ticket\":\"Where is my order?\"}")
                .when().post("/support/reply").then().statusCode(200);

        ReceivedRequest second = simulator.lastReceived();
        JsonNode body = JSON.readTree(second.body());
        assertThat(body.path("diagnostics").path("previous_message_id").asText()).startsWith("msg_sim_");
        assertThat(second.header("anthropic-beta")).contains("cache-diagnosis-2026-04-07");
    }

    @Test
    void aFeatureWithoutDiagnosticsSendsNone() throws Exception {
        given().contentType(ContentType.JSON).body("{\"text\":\"One.\"}").when().post("/summarise").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"text\":\"Two.\"}").when().post("/summarise").then().statusCode(200);

        assertThat(JSON.readTree(simulator.lastReceived().body()).has("diagnostics")).isFalse();
        assertThat(simulator.lastReceived().header("anthropic-beta")).isNull();
    }
}
