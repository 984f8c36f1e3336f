package dev.claudefeatures.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.LineCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With telemetry.log-content=true, and only then, the usage line carries prompt and response. */
@QuarkusTest
@TestProfile(UsageLogContentTest.LogContent.class)
class UsageLogContentTest {

    public static class LogContent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("telemetry.log-content", "true");
        }
    }

    @Test
    void theUsageLineCarriesPromptAndResponseText() throws Exception {
        LineCapture stdout = LineCapture.install();
        given().contentType(ContentType.JSON).body("{\"text\": \"Ship the blue order first.\"}")
                .when().post("/summarise").then().statusCode(200);

        JsonNode line = stdout.ofType(UsageLog.TYPE).get(0);
        assertThat(line.path("prompt").asText()).isEqualTo("Ship the blue order first.");
        assertThat(line.path("response").asText()).isEqualTo("[offline simulator] Ship the blue order first.");
    }
}
