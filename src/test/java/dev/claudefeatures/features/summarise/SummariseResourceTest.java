package dev.claudefeatures.features.summarise;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SummariseResourceTest extends OnTheSimulator {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void summarisesTextWithModelStopReasonAndUsage() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"The invoice is due on 3 March. Late payment costs 2% a month.\"}")
                .when().post("/summarise")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("summary", startsWith("[offline simulator] The invoice is due on 3 March."))
                .body("model", equalTo("claude-sonnet-4-6"))
                .body("stop_reason", equalTo("end_turn"))
                .body("usage.input_tokens", greaterThan(0))
                .body("usage.output_tokens", greaterThan(0))
                .body("usage.cache_read_tokens", equalTo(0))
                .body("usage.cache_write_tokens", equalTo(0));
    }

    @Test
    void missingTextIsA400Problem() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/summarise")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:invalid-input"))
                .body("status", equalTo(400))
                .body("detail", equalTo("The field 'text' is required and must not be blank, e.g. {\"text\": \"...\"}."))
                .body("instance", equalTo("/summarise"));
    }

    @Test
    void blankTextIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"text\": \"   \\n \"}")
                .when().post("/summarise")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'text' is required and must not be blank"));
    }

    @Test
    void emptyBodyIsA400Problem() {
        given().contentType(ContentType.JSON)
                .when().post("/summarise")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:invalid-input"))
                .body("detail", containsString("The field 'text' is required"));
    }

    @Test
    void malformedJsonIsA400ProblemWithoutParserInternals() {
        given().contentType(ContentType.JSON).body("{\"text\": \"unterminated")
                .when().post("/summarise")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:malformed-json"))
                .body("detail", startsWith("The request body is not valid JSON"))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void wrongJsonShapeIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"text\": {\"nested\": true}}")
                .when().post("/summarise")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:malformed-json"));
    }

    @Test
    void nonJsonContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("summarise this please")
                .when().post("/summarise")
                .then().statusCode(415).contentType(PROBLEM)
                .body("detail", equalTo("Send the request body as application/json."));
    }

    @Test
    void textAboveTheLimitIsA413Problem() {
        String tooLong = "a".repeat(100_001);
        given().contentType(ContentType.JSON).body("{\"text\": \"" + tooLong + "\"}")
                .when().post("/summarise")
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("The field 'text' has 100001 characters; at most 100000 are accepted."));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/summarize-typo")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void upstreamOverloadAfterRetriesIsA503WithTheUpstreamRequestId() {
        // The client retries twice; all three attempts are overloaded.
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        }
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                .when().post("/summarise")
                .then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:upstream-unavailable"))
                .body("upstream_status", equalTo(529))
                .body("upstream_error_type", equalTo("overloaded_error"))
                .body("upstream_request_id", startsWith("req_sim_"));
    }

    @Test
    void oneUpstreamOverloadIsRetriedAndTheCallerSeesSuccess() {
        simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                .when().post("/summarise")
                .then().statusCode(200).body("summary", notNullValue());
    }

    @Test
    void upstreamAuthenticationFailureIsA502AndNotRetried() {
        simulator.failNext(Fault.error(401, "authentication_error"));
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                .when().post("/summarise")
                .then().statusCode(502).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:upstream-error"))
                .body("upstream_status", equalTo(401))
                .body("upstream_request_id", startsWith("req_sim_"))
                .body("detail", allOf(containsString("401"), not(containsString("simulated"))));
    }

    @Test
    void upstreamGatewayTimeoutIsA504() {
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(504, "timeout_error").withHeader("retry-after-ms", "1"));
        }
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                .when().post("/summarise")
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", equalTo("urn:claude-features:problem:upstream-timeout"))
                .body("upstream_request_id", startsWith("req_sim_"));
    }

    @Test
    void upstreamRateLimitIsA503WhoseRetryAfterIsAtLeastOneSecond() {
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(429, "rate_limit_error").withHeader("retry-after", "0"));
        }
        given().contentType(ContentType.JSON).body("{\"text\": \"hello\"}")
                .when().post("/summarise")
                .then().statusCode(503)
                .header("Retry-After", equalTo("1"))
                .body("upstream_error_type", equalTo("rate_limit_error"))
                .body("violations", nullValue());
    }
}
