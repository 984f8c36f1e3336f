package dev.claudefeatures.brake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.FakeLambdaApi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The spend brake against a fake Lambda API: an alarm stops every function; nothing else does. */
public class SpendBrakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static String alarmEvent(String state) {
        return """
                {"version":"0","id":"c4c1c1c9-6542-e61b-6ef0-8c4d36933a92","detail-type":"CloudWatch Alarm State Change",
                 "source":"aws.cloudwatch","account":"123456789012","time":"2026-11-25T10:00:00Z","region":"eu-west-1",
                 "resources":["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:SpendBrakeAlarm"],
                 "detail":{"alarmName":"SpendBrakeAlarm","state":{"value":"%s","reason":"Threshold Crossed"},
                           "previousState":{"value":"OK"}}}""".formatted(state);
    }

    private static String run(SpendBrakeHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAlarmSetsEveryFunctionsReservedConcurrencyToZeroAndOtherStatesChangeNothing() throws Exception {
        try (FakeLambdaApi lambda = FakeLambdaApi.start();
                LambdaClient client = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
                        .endpointOverride(lambda.endpoint()).region(Region.EU_WEST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .build()) {
            SpendBrakeHandler handler = new SpendBrakeHandler(new SpendBrake(client,
                    SpendBrakeHandler.functions(" stack-Summarise , stack-Classify,")));

            JsonNode result = JSON.readTree(run(handler, alarmEvent("ALARM")));
            assertThat(result.path("stopped").toString()).isEqualTo("[\"stack-Summarise\",\"stack-Classify\"]");
            assertThat(lambda.received()).extracting(FakeLambdaApi.Received::method, FakeLambdaApi.Received::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", "/2017-10-31/functions/stack-Summarise/concurrency"),
                            org.assertj.core.groups.Tuple.tuple("PUT", "/2017-10-31/functions/stack-Classify/concurrency"));
            assertThat(lambda.received()).allSatisfy(request -> assertThat(JSON.readTree(request.body())
                    .path("ReservedConcurrentExecutions").asInt(-1)).isZero());

            assertThat(JSON.readTree(run(handler, alarmEvent("OK"))).path("stopped")).isEmpty();
            assertThat(JSON.readTree(run(handler, alarmEvent("INSUFFICIENT_DATA"))).path("stopped")).isEmpty();
            assertThat(lambda.received()).hasSize(2);
        }
    }

    @Test
    void aBrakeWithoutFunctionsToStopDoesNotStart() {
        assertThatThrownBy(() -> SpendBrakeHandler.functions(" ")).hasMessageContaining("BRAKE_FUNCTIONS");
        assertThat(SpendBrakeHandler.functions("a")).isEqualTo(List.of("a"));
    }
}
