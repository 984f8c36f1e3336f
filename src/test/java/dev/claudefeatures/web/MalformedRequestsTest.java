package dev.claudefeatures.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Requests a caller can send that are not a JSON request at all, as API Gateway hands them to the
 * function: each is answered a 4xx problem, never a 500, and never reaches the model. (An event
 * whose base64 body is not base64 never reaches the application: the packaged function's handler
 * answers it, as {@code OfflineFunctionIT} shows.)
 */
@QuarkusTest
class MalformedRequestsTest extends OnTheSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENT = Path.of("infra", "events", "summarise.json");

    @Test
    void aContentTypeThatDoesNotParseIsA415Problem() throws IOException {
        ObjectNode event = event();
        ((ObjectNode) event.path("headers")).put("content-type", "%%%;;;==");

        JsonNode problem = answered(event, 415);

        assertThat(problem.path("type").asText()).isEqualTo("urn:claude-features:problem:unsupported-media-type");
    }

    @Test
    void aBodyThatIsNotUtf8IsA400ProblemNotTextWithReplacementCharacters() throws IOException {
        ObjectNode event = event();
        byte[] latin1 = "{\"text\": \"Caf\u00e9 au lait, the receipt says.\"}".getBytes(StandardCharsets.ISO_8859_1);
        event.put("body", Base64.getEncoder().encodeToString(latin1)).put("isBase64Encoded", true);

        JsonNode problem = answered(event, 400);

        assertThat(problem.path("type").asText()).isEqualTo("urn:claude-features:problem:malformed-json");
        assertThat(problem.path("detail").asText()).contains("UTF-8");
    }

    private static ObjectNode event() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(EVENT));
    }

    /** The event's answer, asserted to be a problem with this status that made no call upstream. */
    private JsonNode answered(ObjectNode event, int status) throws IOException {
        long before = simulator.receivedCount();
        JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/_lambda_").then().extract().asString());
        String body = response.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(response.path("body").asText()), StandardCharsets.UTF_8)
                : response.path("body").asText();

        assertThat(response.path("statusCode").asInt()).as(body).isEqualTo(status);
        assertThat(response.path("headers").path("Content-Type").asText()).startsWith(Problem.MEDIA_TYPE);
        assertThat(simulator.receivedCount()).as("calls that reached the model").isEqualTo(before);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }
}
