package dev.claudefeatures;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The two cached features, through the Lambda event path as SAM would invoke them: the support
 * playbook and the documents are written to the cache once and read back by the next request.
 */
@QuarkusTest
class CachedFeaturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode invoke(JsonNode event) throws Exception {
        JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/_lambda_").then().extract().asString());
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        return JSON.readTree(response.path("body").asText());
    }

    private static ObjectNode event(String file) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", file)));
    }

    @Test
    void theSupportPlaybookIsReadFromTheCacheByTheNextTicket() throws Exception {
        ObjectNode first = event("support-reply.json");
        ObjectNode second = event("support-reply.json");
        second.put("body", JSON.createObjectNode().put("ticket", "Where is my order 100497? It was due on Friday.")
                .toString());

        JsonNode one = invoke(first);
        JsonNode two = invoke(second);

        // About 4,100 tokens of playbook: written once (here or by an earlier test), then read.
        assertThat(one.path("usage").path("cache_read_tokens").asInt() + one.path("usage").path("cache_write_tokens").asInt())
                .isGreaterThan(4_000);
        assertThat(two.path("usage").path("cache_read_tokens").asInt()).isGreaterThan(4_000);
        assertThat(two.path("usage").path("cache_write_tokens").asInt()).isZero();
        assertThat(two.path("usage").path("input_tokens").asInt()).isLessThan(100);
    }

    @Test
    void theDocumentsAreReadFromTheCacheByTheNextQuestion() throws Exception {
        ObjectNode first = event("answer.json");
        ObjectNode body = (ObjectNode) JSON.readTree(first.path("body").asText());
        ObjectNode second = first.deepCopy();
        second.put("body", body.deepCopy().put("question", "How long does express delivery take?").toString());

        JsonNode one = invoke(first);
        JsonNode two = invoke(second);

        int documents = one.path("usage").path("cache_read_tokens").asInt() + one.path("usage").path("cache_write_tokens").asInt();
        assertThat(documents).isGreaterThan(1_500);
        assertThat(two.path("usage").path("cache_read_tokens").asInt()).isEqualTo(documents);
        assertThat(two.path("answer").asText()).isNotBlank();
    }

    @Test
    void anAnswerWithoutDocumentsOrQuestionIsA400() {
        given().contentType(ContentType.JSON).body("{\"documents\":[],\"question\":\"Why?\"}")
                .when().post("/answer").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("The field 'documents' is required and must not be "
                        + "blank, e.g. {\"documents\": [\"...\"], \"question\": \"...\"}."));
        given().contentType(ContentType.JSON).body("{\"documents\":[\"a document\"],\"question\":\" \"}")
                .when().post("/answer").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("The field 'question' is required and must not be "
                        + "blank, e.g. {\"question\": \"...\"}."));
        given().contentType(ContentType.JSON).body("{\"documents\":[\"a\",\"a\"],\"question\":42}")
                .when().post("/answer").then().statusCode(400).contentType("application/problem+json");
    }
}
