package dev.claudefeatures.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.simulator.OfflineSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A query string that is not valid percent-encoding, as API Gateway hands it to the function (the
 * sample event with {@code rawQueryString} {@code a=%zz}): a 400 problem, and the model is not
 * called; a valid one changes nothing. {@code ProdParityIT} checks the same on the packaged
 * function, where {@code LambdaHandler} turns Quarkus's own bare check off.
 */
@QuarkusTest
class MalformedQueryStringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OfflineSimulator simulator;

    private JsonNode invoke(String rawQueryString) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "summarise.json")));
        event.put("rawQueryString", rawQueryString);
        return JSON.readTree(given().contentType(ContentType.JSON).body(event.toString()).when().post("/_lambda_")
                .then().extract().asString());
    }

    @Test
    void anUndecodableQueryStringIsA400ProblemAndTheModelIsNotCalled() throws Exception {
        long before = simulator.receivedCount();

        JsonNode response = invoke("a=%zz");

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo(Problem.MEDIA_TYPE);
        JsonNode problem = JSON.readTree(response.path("body").asText());
        assertThat(problem.path("type").asText()).isEqualTo("urn:claude-features:problem:invalid-input");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("query string");
        assertThat(problem.path("instance").asText()).isEqualTo("/summarise");
        assertThat(simulator.receivedCount()).isEqualTo(before);
    }

    @Test
    void aValidQueryStringChangesNothing() throws Exception {
        assertThat(invoke("a=%41b&c=d").path("statusCode").asInt()).isEqualTo(200);
        assertThat(RequestUriCheck.problemOf("/summarise?a=%4")).contains("percent-encoding");
        assertThat(RequestUriCheck.problemOf("/summarise?a=b+c%20d")).isNull();
        assertThat(RequestUriCheck.problemOf("/sum marise")).isEqualTo("the request URI is not valid");
    }
}
