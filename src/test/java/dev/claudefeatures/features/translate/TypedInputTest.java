package dev.claudefeatures.features.translate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A feature whose input has two fields, {@code text} and {@code target_language}, held to the
 * facade's rules field by field and to its own rule, as a new user would write it
 * ({@link TranslateResource}): nothing bad reaches the model, and each problem names its field.
 */
@QuarkusTest
@TestProfile(TypedInputTest.WithTranslate.class)
class TypedInputTest extends OnTheSimulator {

    static final String SWITCH = "claude-features.test.translate";
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class WithTranslate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SWITCH, "on",
                    "features.translate.model", "claude-sonnet-4-6",
                    "features.translate.max-tokens", "300",
                    "features.translate.system-prompt", "prompts/summarise.txt",
                    "features.translate.max-input-chars", "40");
        }
    }

    @Test
    void bothFieldsReachTheModelEachInItsTag() throws Exception {
        long mark = simulator.receivedCount();

        given().contentType(ContentType.JSON).body("{\"text\": \"Good morning\", \"target_language\": \"de\"}")
                .when().post("/translate")
                .then().statusCode(200)
                .body("model", equalTo("claude-sonnet-4-6"))
                .body("translation", startsWith("[offline simulator]"));

        JsonNode sent = JSON.readTree(simulator.receivedSince(mark).get(0).body());
        assertThat(sent.path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("<target_language>\nde\n</target_language>\n<text>\nGood morning\n</text>\n");
    }

    @Test
    void aFieldOfInvisibleCharactersIsMissingAndNamedAndNothingIsSent() {
        long mark = simulator.receivedCount();

        given().contentType(ContentType.JSON).body("{\"text\": \"Good morning\", \"target_language\": \"\\u200b\"}")
                .when().post("/translate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:invalid-input"))
                .body("detail", equalTo("The field 'target_language' is required and must not be blank, "
                        + "e.g. {\"target_language\": \"...\"}."));

        assertThat(simulator.receivedSince(mark)).isEmpty();
    }

    @Test
    void anAbsentFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"target_language\": \"de\"}")
                .when().post("/translate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The field 'text' is required and must not be blank, e.g. {\"text\": \"...\"}."));
    }

    @Test
    void theFeaturesOwnRuleAnswersAnInvalidInputProblemBeforeAnyCall() {
        long mark = simulator.receivedCount();

        given().contentType(ContentType.JSON).body("{\"text\": \"Good morning\", \"target_language\": \"xx\"}")
                .when().post("/translate")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:invalid-input"))
                .body("detail", equalTo("The field 'target_language' must be one of de, es, fr, it, ja, pt."));

        assertThat(simulator.receivedSince(mark)).isEmpty();
    }

    @Test
    void theLimitCountsTheFieldsNotTheTags() {
        // 38 + 2 characters: at the limit of 40, although the tags around them are far longer.
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"" + "a".repeat(38) + "\", \"target_language\": \"de\"}")
                .when().post("/translate")
                .then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"" + "a".repeat(39) + "\", \"target_language\": \"de\"}")
                .when().post("/translate")
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("The fields 'target_language', 'text' have 41 characters in all; "
                        + "at most 40 are accepted."));
    }

    @Test
    void aNumberWhereTextBelongsIsRefusedAsWritten() {
        given().contentType(ContentType.JSON).body("{\"text\": \"Good morning\", \"target_language\": 49}")
                .when().post("/translate")
                .then().statusCode(400).contentType(PROBLEM);
    }
}
