package dev.claudefeatures.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Faults queued from outside Java, as docs/SIMULATOR.md shows with curl: the simulator's control endpoint
 * makes the next calls fail, and the feature answers what it answers in production.
 */
@QuarkusTest
class FaultControlTest extends OnTheSimulator {

    private static final String SUMMARISE = "{\"text\": \"The invoice is due on 3 March.\"}";

    private String control() {
        return simulator.baseUri() + FaultControl.PATH;
    }

    @Test
    void anOverloadedApiThroughEveryRetryIsA503WithTheApisRetryAfter() {
        long mark = simulator.receivedCount();
        given().queryParam("status", 529).queryParam("times", 3).queryParam("retry-after", 1)
                .when().post(control())
                .then().statusCode(202).body("queued", equalTo(3)).body("pending", equalTo(3));

        given().contentType(ContentType.JSON).body(SUMMARISE)
                .when().post("/summarise")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:claude-features:problem:upstream-unavailable"));

        assertThat(simulator.receivedSince(mark)).as("the first try and both retries").hasSize(3);
        given().when().get(control()).then().statusCode(200).body("pending", equalTo(0));
    }

    @Test
    void oneRateLimitIsRetriedAndTheFeatureStillAnswers() {
        given().queryParam("status", 429).when().post(control()).then().statusCode(202).body("queued", equalTo(1));

        given().contentType(ContentType.JSON).body(SUMMARISE)
                .when().post("/summarise")
                .then().statusCode(200)
                .body("summary", containsString("The invoice is due on 3 March."));
    }

    @Test
    void deleteDropsTheFaultsNoRequestTook() {
        given().queryParam("status", 500).queryParam("times", 2).when().post(control()).then().statusCode(202);

        given().when().delete(control()).then().statusCode(200).body("cleared", equalTo(2));

        given().contentType(ContentType.JSON).body(SUMMARISE).when().post("/summarise").then().statusCode(200);
    }

    @Test
    void aWrongControlRequestIsA400ThatQueuesNothing() {
        Map<String, Map<String, String>> wrongByParameter = Map.of(
                "status", Map.of("status", "200"),
                "times", Map.of("status", "529", "times", "101"),
                "delay-ms", Map.of("delay-ms", "-1"),
                "retry-after", Map.of("status", "429", "retry-after", "soon"));
        wrongByParameter.forEach((parameter, wrong) -> given().queryParams(wrong)
                .when().post(control())
                .then().statusCode(400).body("error", containsString(parameter + " must be a whole number")));
        given().queryParam("status", "busy").when().post(control()).then().statusCode(400);
        given().queryParam("status", "529").queryParam("times", "0").when().post(control()).then().statusCode(400);
        given().when().post(control()).then().statusCode(400).body("error", containsString("status"));
        given().when().put(control()).then().statusCode(405);
        given().when().get(control()).then().statusCode(200).body("pending", equalTo(0));
    }
}
