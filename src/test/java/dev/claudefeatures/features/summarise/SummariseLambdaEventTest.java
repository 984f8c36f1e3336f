package dev.claudefeatures.features.summarise;

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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The sample event that docs/DEPLOYING.md tells users to try with {@code sam local invoke}, posted raw to the
 * mock event server, which hands it to the function exactly as Lambda would.
 */
@QuarkusTest
class SummariseLambdaEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENT = Path.of("infra/events/summarise.json");

    @Test
    void sampleEventAnswersALambdaResponseWithASummary() throws IOException {
        JsonNode response = invoke(Files.readString(EVENT));

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = JSON.readTree(decodedBody(response));
        assertThat(body.path("summary").asText()).startsWith("[offline simulator] Quarterly revenue rose 12%");
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-6");
        assertThat(body.path("usage").path("input_tokens").asInt()).isPositive();
    }

    @Test
    void base64EncodedEventBodyIsDecoded() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EVENT));
        String body = event.path("body").asText();
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        JsonNode response = invoke(event.toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(decodedBody(response)).path("summary").asText())
                .startsWith("[offline simulator] Quarterly revenue rose 12%");
    }

    @Test
    void badEventBodyAnswersAProblemResponse() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EVENT));
        event.put("body", "{\"text\": \"\"}");

        JsonNode response = invoke(event.toString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(headerValue(response, "content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(decodedBody(response)).path("status").asInt()).isEqualTo(400);
    }

    private static JsonNode invoke(String event) throws IOException {
        String raw = given().contentType(ContentType.JSON).body(event)
                .when().post("/_lambda_")
                .then().extract().asString();
        return JSON.readTree(raw);
    }

    private static String decodedBody(JsonNode response) {
        String body = response.path("body").asText();
        return response.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }

    private static String headerValue(JsonNode response, String name) {
        JsonNode headers = response.path("headers");
        for (var it = headers.fields(); it.hasNext();) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().asText();
            }
        }
        return "";
    }
}
