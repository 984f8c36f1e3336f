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
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.SamTemplate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every configured feature has a sample event, {@code infra/events/<feature>.json}, that docs/DEPLOYING.md
 * tells users to try with {@code sam local invoke}; posted raw to the mock event server, which
 * hands it to the function as Lambda would, it is answered. Derived from the configuration, so a
 * new feature is checked without an edit here.
 */
@QuarkusTest
class SampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Policies policies;

    static Path eventOf(String feature) {
        return Path.of("infra", "events", feature + ".json");
    }

    @TestFactory
    Stream<DynamicTest> eachFeaturesSampleEventIsAnsweredWithItsJsonAnswer() {
        assertThat(policies.features()).isNotEmpty();
        return policies.features().stream().sorted().map(feature -> DynamicTest.dynamicTest(feature, () -> {
            assertThat(eventOf(feature)).as("sample event of %s", feature).exists();
            String raw = given().contentType(ContentType.JSON).body(Files.readString(eventOf(feature)))
                    .when().post("/_lambda_")
                    .then().extract().asString();
            JsonNode response = JSON.readTree(raw);

            assertThat(response.path("statusCode").asInt()).as(raw).isEqualTo(200);
            assertThat(response.path("headers").path("Content-Type").asText()).startsWith("application/json");
            String body = response.path("isBase64Encoded").asBoolean()
                    ? new String(Base64.getDecoder().decode(response.path("body").asText()), StandardCharsets.UTF_8)
                    : response.path("body").asText();
            assertThat(JSON.readTree(body).isObject()).as(body).isTrue();
            assertThat(fieldNames(JSON.readTree(body))).as("%s's answer: one naming convention, the Messages API's", feature)
                    .allMatch(SNAKE_CASE.asPredicate());
        }));
    }

    /** A request the feature must refuse (an empty object) is answered a problem in the same convention. */
    @TestFactory
    Stream<DynamicTest> eachFeaturesProblemAnswerNamesItsMembersInSnakeCase() {
        return policies.features().stream().sorted().map(feature -> DynamicTest.dynamicTest(feature, () -> {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                    .readTree(Files.readString(eventOf(feature)));
            event.put("body", "{}").put("isBase64Encoded", false);
            JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body(event.toString())
                    .when().post("/_lambda_").then().extract().asString());
            JsonNode problem = JSON.readTree(response.path("body").asText());

            assertThat(response.path("statusCode").asInt()).as(problem.toString()).isEqualTo(400);
            assertThat(fieldNames(problem)).as(problem.toString()).contains("type", "title", "status")
                    .allMatch(SNAKE_CASE.asPredicate());
        }));
    }

    private static final java.util.regex.Pattern SNAKE_CASE = java.util.regex.Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");

    /** Every member name in a JSON document, nested objects and arrays included. */
    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                names.add(field.getKey());
                names.addAll(fieldNames(field.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(fieldNames(element)));
        }
        return names;
    }

    /**
     * A feature behind the HTTP API has a route of its own; one behind a Function URL (a
     * {@code $default} event, e.g. chat, which streams) has a function of its own whose URL streams.
     */
    @Test
    void everyFeatureIsDeployedByTheTemplateAndEveryRouteHasASampleEvent() throws IOException {
        Set<String> routes = new HashSet<>();
        Set<String> streamingUrlFunctions = new HashSet<>();
        SamTemplate.read(java.util.Map.of()).resources().fields().forEachRemaining(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                resource.getValue().path("Properties").path("Events").forEach(event -> {
                    if ("HttpApi".equals(event.path("Type").asText())) {
                        routes.add(event.path("Properties").path("Method").asText() + " "
                                + event.path("Properties").path("Path").asText());
                    }
                });
                if ("RESPONSE_STREAM".equals(resource.getValue().path("Properties").path("FunctionUrlConfig")
                        .path("InvokeMode").asText())) {
                    streamingUrlFunctions.add(resource.getKey());
                }
            }
        });
        Set<String> featureRoutes = new HashSet<>();
        Set<String> urlFeatures = new HashSet<>();
        for (String feature : policies.features()) {
            JsonNode event = JSON.readTree(Files.readString(eventOf(feature)));
            if ("$default".equals(event.path("routeKey").asText())) {
                urlFeatures.add(feature);
            } else {
                featureRoutes.add(event.path("routeKey").asText());
            }
        }

        assertThat(routes).isNotEmpty();
        assertThat(routes).as("a template function for each feature's route").containsAll(featureRoutes);
        assertThat(featureRoutes).as("a sample event for each template route").containsAll(routes);
        assertThat(urlFeatures.stream().map(feature -> FeatureDeployment.stem(feature) + "Function"))
                .as("a streaming Function URL for each feature whose sample event is a Function URL's")
                .containsExactlyInAnyOrderElementsOf(streamingUrlFunctions);
    }
}
