package dev.claudefeatures.brake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.FakeLambdaApi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The spend brake against a fake Lambda API: an alarm going off stops every function, a release
 * gives each its configured concurrency back, and nothing else changes anything.
 */
public class SpendBrakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 7;

    private FakeLambdaApi lambda;
    private LambdaClient client;
    private SpendBrakeHandler handler;

    public static String alarmEvent(String state) {
        return """
                {"version":"0","id":"c4c1c1c9-6542-e61b-6ef0-8c4d36933a92","detail-type":"CloudWatch Alarm State Change",
                 "source":"aws.cloudwatch","account":"123456789012","time":"2026-11-25T10:00:00Z","region":"eu-west-1",
                 "resources":["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:SpendBrakeAlarm"],
                 "detail":{"alarmName":"SpendBrakeAlarm","state":{"value":"%s","reason":"Threshold Crossed"},
                           "previousState":{"value":"OK"}}}""".formatted(state);
    }

    @BeforeEach
    void startTheFakeLambdaApi() throws Exception {
        lambda = FakeLambdaApi.start();
        client = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(lambda.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
        handler = new SpendBrakeHandler(new SpendBrake(client,
                SpendBrakeHandler.functions(" stack-Summarise , stack-Classify,"), CONCURRENCY));
    }

    @AfterEach
    void stopIt() {
        client.close();
        lambda.close();
    }

    private JsonNode run(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static Tuple put(String function, int concurrency) {
        return tuple("PUT", "/2017-10-31/functions/" + function + "/concurrency",
                "{\"ReservedConcurrentExecutions\":" + concurrency + "}");
    }

    private List<Tuple> requests() {
        return lambda.received().stream().map(request -> tuple(request.method(), request.path(), request.body())).toList();
    }

    @Test
    void givenTheAlarmGoesOff_whenHandled_thenEveryFunctionIsSetToZeroAndTheAnswerSaysStop() throws Exception {
        JsonNode result = run(alarmEvent("ALARM"));

        assertThat(requests()).containsExactly(put("stack-Summarise", 0), put("stack-Classify", 0));
        assertThat(result).isEqualTo(JSON.readTree("""
                {"type":"spend_brake","action":"stop","alarm":"SpendBrakeAlarm","state":"ALARM",
                 "stopped":["stack-Summarise","stack-Classify"]}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "OK", "INSUFFICIENT_DATA" })
    void givenTheAlarmInAnotherState_whenHandled_thenNothingChangesAndTheAnswerSaysWhy(String state) throws Exception {
        JsonNode result = run(alarmEvent(state));

        assertThat(lambda.received()).isEmpty();
        assertThat(result.path("action").asText()).isEqualTo("none");
        assertThat(result.path("state").asText()).isEqualTo(state);
        assertThat(result.path("reason").asText()).contains("ALARM");
    }

    @Test
    void givenARelease_whenHandled_thenEveryFunctionGetsTheConfiguredConcurrencyAndNoOtherIsTouched() throws Exception {
        run(alarmEvent("ALARM"));
        JsonNode result = run("{\"action\":\"release\"}");

        assertThat(requests()).containsExactly(put("stack-Summarise", 0), put("stack-Classify", 0),
                put("stack-Summarise", CONCURRENCY), put("stack-Classify", CONCURRENCY));
        assertThat(result).isEqualTo(JSON.readTree("""
                {"type":"spend_brake","action":"release","released":["stack-Summarise","stack-Classify"],"concurrency":7}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not json", "{", "[]", "\"release\"", "{}", "{\"action\":\"stop\"}",
            "{\"action\":\"RELEASE\"}", "{\"action\":[\"release\"]}", "{\"action\":\"release\",\"functions\":[\"stack-Other\"]}",
            "{\"detail\":{\"alarmName\":\"SpendBrakeAlarm\",\"state\":{\"value\":\"ALARM\"}}}" })
    void givenAPayloadThatIsNeitherAnAlarmStateChangeNorExactlyARelease_whenHandled_thenNothingChangesAndTheAnswerSaysSo(
            String payload) throws Exception {
        JsonNode result = run(payload);

        assertThat(lambda.received()).isEmpty();
        assertThat(result.fieldNames()).toIterable().containsExactly("type", "action", "reason");
        assertThat(result.path("action").asText()).isEqualTo("none");
        assertThat(result.path("reason").asText()).startsWith("the payload is");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", " ", "0", "-3", "ten", "2.5", "99999999999" })
    void givenNoPositiveWholeBrakeConcurrency_whenTheBrakeStarts_thenItSaysWhichVariableToFix(String value) {
        assertThatThrownBy(() -> SpendBrakeHandler.concurrency(value)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BRAKE_CONCURRENCY").hasMessageContaining("'" + value + "'");
    }

    @Test
    void givenAPositiveWholeBrakeConcurrency_whenTheBrakeStarts_thenAReleaseUsesIt() {
        assertThat(SpendBrakeHandler.concurrency(" 12 ")).isEqualTo(12);
        assertThat(SpendBrakeHandler.concurrency("1")).isEqualTo(1);
    }

    @Test
    void aBrakeWithoutFunctionsToStopDoesNotStart() {
        assertThatThrownBy(() -> SpendBrakeHandler.functions(" ")).hasMessageContaining("BRAKE_FUNCTIONS");
        assertThat(SpendBrakeHandler.functions("a")).isEqualTo(List.of("a"));
    }
}
