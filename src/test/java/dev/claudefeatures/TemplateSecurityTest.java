package dev.claudefeatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.claudefeatures.testing.SamTemplate;

/**
 * No stranger can spend the owner's budget: every route and function URL of template.yaml has an
 * authorizer, the API is throttled, each feature function's concurrency is bounded, and the spend
 * brake is wired from its alarm to every feature function.
 */
class TemplateSecurityTest {

    private static SamTemplate template;
    private static final Map<String, JsonNode> FUNCTIONS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> APIS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        template = SamTemplate.read(Map.of());
        template.resources().fields().forEachRemaining(resource -> {
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> FUNCTIONS.put(resource.getKey(), resource.getValue());
                case "AWS::Serverless::HttpApi", "AWS::Serverless::Api", "AWS::ApiGatewayV2::Api",
                        "AWS::ApiGateway::RestApi" -> APIS.put(resource.getKey(), resource.getValue());
                default -> {
                }
            }
        });
    }

    /** Functions that serve a route: the ones a stranger could call. */
    private static Set<String> featureFunctions() {
        Set<String> features = new TreeSet<>();
        FUNCTIONS.forEach((name, function) -> function.path("Properties").path("Events").forEach(event -> {
            if (event.path("Type").asText().startsWith("HttpApi") || event.path("Type").asText().equals("Api")) {
                features.add(name);
            }
        }));
        // A feature that streams answers on a Function URL of its own (chat).
        FUNCTIONS.forEach((name, function) -> {
            if (function.path("Properties").has("FunctionUrlConfig")) {
                features.add(name);
            }
        });
        return features;
    }

    @Test
    void everyApiHasADefaultAuthorizerAndEveryRouteUsesIt() {
        assertThat(APIS).isNotEmpty();
        APIS.forEach((name, api) -> {
            assertThat(api.path("Type").asText()).as(name).isEqualTo("AWS::Serverless::HttpApi");
            JsonNode auth = api.path("Properties").path("Auth");
            String authorizer = auth.path("DefaultAuthorizer").asText();
            assertThat(authorizer).as("%s has a default authorizer", name).isNotBlank().isNotEqualTo("NONE");
            if (authorizer.equals("AWS_IAM")) {
                assertThat(auth.path("EnableIamAuthorizer").asBoolean()).as(name).isTrue();
            } else {
                assertThat(auth.path("Authorizers").has(authorizer)).as("%s defines %s", name, authorizer).isTrue();
            }
        });
        List<String> routes = new ArrayList<>();
        FUNCTIONS.forEach((name, function) -> function.path("Properties").path("Events").forEach(event -> {
            String type = event.path("Type").asText();
            assertThat(type).as("%s: an event type this test knows", name).isIn("HttpApi", "EventBridgeRule");
            if (type.equals("HttpApi")) {
                routes.add(name);
                assertThat(APIS).as("%s's route is on an API of this template", name)
                        .containsKey(event.path("Properties").path("ApiId").asText());
                assertThat(event.path("Properties").path("Auth").path("Authorizer").asText())
                        .as("%s does not opt out of the authorizer", name).isNotEqualTo("NONE");
            }
        }));
        assertThat(routes).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void noFunctionUrlIsOpen() {
        FUNCTIONS.forEach((name, function) -> {
            JsonNode url = function.path("Properties").path("FunctionUrlConfig");
            if (!url.isMissingNode()) {
                assertThat(url.path("AuthType").asText()).as("%s's function URL", name).isEqualTo("AWS_IAM");
            }
        });
    }

    @Test
    void theApiIsThrottledAndEveryFunctionsConcurrencyIsBounded() {
        JsonNode routeSettings = APIS.get("HttpApi").path("Properties").path("DefaultRouteSettings");
        assertThat(routeSettings.path("ThrottlingRateLimit").asText()).isEqualTo("ThrottleRatePerSecond");
        assertThat(routeSettings.path("ThrottlingBurstLimit").asText()).isEqualTo("ThrottleBurst");
        assertThat(template.globalFunction().path("ReservedConcurrentExecutions").asText())
                .isEqualTo("FunctionConcurrency");
        assertThat(featureFunctions()).isNotEmpty().allSatisfy(name -> assertThat(
                FUNCTIONS.get(name).path("Properties").has("ReservedConcurrentExecutions"))
                .as("%s keeps the global bound", name).isFalse());
    }

    @Test
    void theSpendBrakeAlarmStopsEveryFeatureFunction() {
        JsonNode alarm = template.resources().path("SpendBrakeAlarm").path("Properties");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("EstimatedCostUSD");
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
        assertThat(alarm.path("Period").asInt()).isEqualTo(3600);
        assertThat(alarm.path("Threshold").asText()).isEqualTo("SpendBrakeUSD");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");

        JsonNode brake = FUNCTIONS.get("SpendBrakeFunction").path("Properties");
        assertThat(brake.path("Handler").asText()).isEqualTo("dev.claudefeatures.brake.SpendBrakeHandler::handleRequest");
        assertThat(brake.path("CodeUri").asText()).isEqualTo("target/brake.zip");
        JsonNode pattern = brake.path("Events").path("SpendAlarm").path("Properties").path("Pattern");
        assertThat(pattern.path("detail-type").toString()).isEqualTo("[\"CloudWatch Alarm State Change\"]");
        assertThat(pattern.path("resources").toString()).isEqualTo("[\"SpendBrakeAlarm.Arn\"]");
        assertThat(pattern.path("detail").path("state").path("value").toString()).isEqualTo("[\"ALARM\"]");

        Set<String> stopped = new TreeSet<>();
        brake.path("Environment").path("Variables").path("BRAKE_FUNCTIONS").get(1).forEach(f -> stopped.add(f.asText()));
        Set<String> allowed = new TreeSet<>();
        brake.path("Policies").get(0).path("Statement").forEach(statement -> {
            assertThat(statement.path("Action").asText()).isEqualTo("lambda:PutFunctionConcurrency");
            statement.path("Resource").forEach(arn -> allowed.add(arn.asText().replace(".Arn", "")));
        });
        assertThat(featureFunctions()).isNotEmpty();
        assertThat(stopped).isEqualTo(featureFunctions());
        assertThat(allowed).isEqualTo(featureFunctions());
        // A release gives each function back the concurrency it was deployed with.
        assertThat(brake.path("Environment").path("Variables").path("BRAKE_CONCURRENCY").asText())
                .isEqualTo("FunctionConcurrency");
    }
}
