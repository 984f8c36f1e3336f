package dev.claudefeatures.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With {@code anthropic.provider=bedrock} and no AWS credentials in the environment, the
 * application answers offline as it does on the API: from the simulator's Bedrock routes, signed
 * with the simulator's test credentials; Bedrock's throttling, once the retries are spent, is the
 * same problem answer as the API's rate limit.
 */
@QuarkusTest
@TestProfile(BedrockOfflineTest.OnBedrock.class)
class BedrockOfflineTest extends OnTheSimulator {

    public static class OnBedrock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No anthropic.offline: without AWS credentials in the environment, test mode, like dev mode, goes offline.
            return Map.of("anthropic.provider", "bedrock", "anthropic.aws.region", "us-east-1");
        }
    }

    @Test
    void aFeatureAnswersFromBedrocksInvokeModelRouteOfTheSimulatorSigned() {
        String summary = given().contentType(ContentType.JSON).body("{\"text\": \"The parcel left the depot.\"}")
                .when().post("/summarise").then().statusCode(200).extract().path("summary");

        ReceivedRequest sent = simulator.lastReceived();
        assertThat(summary).startsWith("[offline simulator]");
        assertThat(URLDecoder.decode(sent.path(), StandardCharsets.UTF_8))
                .isEqualTo("/model/global.anthropic.claude-sonnet-4-6/invoke");
        assertThat(sent.header("authorization")).contains("/us-east-1/bedrock/aws4_request");
        assertThat(sent.header("x-api-key")).isNull();
    }

    @Test
    void throttlingPastTheRetriesIsTheApisRateLimitProblem() {
        for (int attempt = 0; attempt < 3; attempt++) { // the first try and anthropic.max-retries (2)
            simulator.failNext(Fault.error(429, "rate_limit_error"));
        }

        given().contentType(ContentType.JSON).body("{\"text\": \"The parcel left the depot.\"}")
                .when().post("/summarise").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", org.hamcrest.Matchers.endsWith("upstream-unavailable"));
    }
}
