package dev.claudefeatures;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The sample events that README tells users to try with {@code sam local invoke}, posted raw to
 * the mock event server, which hands them to the function exactly as Lambda would.
 */
@QuarkusTest
class SampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "summarise.json,        summary",
            "extract-invoice.json,  vendor",
            "extract-invoice.json,  line_items",
            "extract-invoice.json,  total",
            "classify-ticket.json,  category",
            "classify-ticket.json,  confidence",
            "classify-ticket.json,  model"})
    void eachSampleEventAnswers200WithItsFeaturesFields(String event, String field) throws IOException {
        String raw = given().contentType(ContentType.JSON).body(Files.readString(Path.of("infra/events", event)))
                .when().post("/_lambda_")
                .then().extract().asString();
        JsonNode response = JSON.readTree(raw);

        assertThat(response.path("statusCode").asInt()).as(raw).isEqualTo(200);
        String body = response.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(response.path("body").asText()), StandardCharsets.UTF_8)
                : response.path("body").asText();
        assertThat(JSON.readTree(body).has(field)).as(body).isTrue();
    }

    @Test
    void everyFunctionOfTheTemplateHasASampleEventForItsRoute() throws IOException {
        JsonNode resources = new YAMLMapper().readTree(Files.readString(Path.of("template.yaml"))).path("Resources");
        Set<String> routes = new HashSet<>();
        resources.fields().forEachRemaining(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                resource.getValue().path("Properties").path("Events").forEach(event -> routes.add(
                        event.path("Properties").path("Method").asText() + " " + event.path("Properties").path("Path").asText()));
            }
        });
        Set<String> sampled = new HashSet<>();
        try (var files = Files.list(Path.of("infra/events"))) {
            for (Path file : files.toList()) {
                sampled.add(JSON.readTree(Files.readString(file)).path("routeKey").asText());
            }
        }

        assertThat(routes).containsExactlyInAnyOrder("POST /summarise", "POST /extract/invoice", "POST /classify/ticket");
        assertThat(sampled).containsAll(routes);
    }
}
