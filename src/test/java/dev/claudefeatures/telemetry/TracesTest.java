package dev.claudefeatures.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.testing.LineCapture;
import dev.claudefeatures.testing.OnTheSimulator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every feature request is a span ({@code feature <name>}) and every API call a CLIENT span
 * ({@code chat <model>}) inside it, attributed by the OpenTelemetry GenAI conventions and joined to
 * the usage line by the API's request id: for a plain, a cached, a retried, an escalated, a streamed
 * and a failed call. No attribute carries the prompt or the answer. An X-Ray trace header, on the
 * request or Lambda's own, is the parent of the function's spans.
 */
@QuarkusTest
// Needs quarkus-opentelemetry in the package: runs under ./mvnw verify -Ptraced (.ci/run runs both).
@org.junit.jupiter.api.Tag("traced")
class TracesTest extends OnTheSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "The meeting moved to Thursday at ten.";
    private static final String LAMBDA_TRACE_HEADER = "com.amazonaws.xray.traceHeader";
    private static final String XRAY_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String XRAY_TRACE_ID = "5759e988bd862e3fe1be46a994272793";
    private static final String XRAY_PARENT = "53995c3f42cd8ad8";
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OpenTelemetry openTelemetry;

    @BeforeEach
    void noSpansYet() {
        spans.reset();
    }

    @Test
    void aPlainCallIsOneChatSpanInsideItsFeatureSpanWithTheUsageLinesFigures() {
        LineCapture stdout = LineCapture.install();

        summarise(200);

        SpanData feature = only("feature summarise");
        SpanData chat = only("chat claude-sonnet-4-6");
        JsonNode line = stdout.ofType(UsageLog.TYPE).get(0);
        assertThat(feature.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(feature.getAttributes().get(GenAiAttributes.FEATURE)).isEqualTo("summarise");
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getParentSpanId()).isEqualTo(feature.getSpanId());
        assertThat(chat.getTraceId()).isEqualTo(feature.getTraceId());
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        Attributes attributes = chat.getAttributes();
        assertThat(attributes.get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
        assertThat(attributes.get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("anthropic");
        assertThat(attributes.get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("claude-sonnet-4-6");
        assertThat(attributes.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("claude-sonnet-4-6");
        assertThat(attributes.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isPositive();
        assertThat(attributes.get(GenAiAttributes.RESPONSE_ID)).startsWith("msg_");
        assertThat(attributes.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("end_turn");
        assertThat(attributes.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(line.path("input_tokens").asLong()
                + line.path("cache_read_tokens").asLong() + line.path("cache_write_tokens").asLong());
        assertThat(attributes.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(line.path("output_tokens").asLong())
                .isPositive();
        assertThat(attributes.get(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS)).isZero();
        assertThat(attributes.get(GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS)).isZero();
        assertThat(attributes.get(GenAiAttributes.FEATURE)).isEqualTo("summarise");
        assertThat(attributes.get(GenAiAttributes.COST_USD)).isEqualTo(line.path("cost_usd").asDouble()).isPositive();
        assertThat(attributes.get(GenAiAttributes.PROMPT_VERSION)).isEqualTo(line.path("prompt_version").asText())
                .hasSize(12);
        assertThat(attributes.get(GenAiAttributes.ATTEMPTS)).isEqualTo(1);
        assertThat(attributes.get(GenAiAttributes.ESCALATION)).isFalse();
        assertThat(attributes.get(GenAiAttributes.ERROR_TYPE)).isNull();
        // Logs and traces join on the API's request id.
        assertThat(line.path("request_id").asText()).isNotBlank();
        assertThat(attributes.get(GenAiAttributes.REQUEST_ID)).isEqualTo(line.path("request_id").asText());
    }

    @Test
    void aCachedCallCountsItsCachedTokensAsInputAsTheConventionsDo() {
        LineCapture stdout = LineCapture.install();

        supportReply("My mugs arrived broken.");
        supportReply("Where is my order?");

        List<SpanData> calls = named("chat claude-sonnet-4-6");
        assertThat(calls).hasSize(2);
        JsonNode firstLine = stdout.ofType(UsageLog.TYPE).get(0);
        JsonNode secondLine = stdout.ofType(UsageLog.TYPE).get(1);
        Attributes written = calls.get(0).getAttributes();
        Attributes read = calls.get(1).getAttributes();
        // The first call writes the playbook to the cache, unless an earlier test of this JVM already
        // has; the second reads it either way.
        assertThat(written.get(GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS))
                .isEqualTo(firstLine.path("cache_write_tokens").asLong());
        assertThat(written.get(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS))
                .isEqualTo(firstLine.path("cache_read_tokens").asLong());
        assertThat(firstLine.path("cache_write_tokens").asLong() + firstLine.path("cache_read_tokens").asLong())
                .isPositive();
        assertThat(read.get(GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS))
                .isEqualTo(secondLine.path("cache_write_tokens").asLong());
        long cacheRead = secondLine.path("cache_read_tokens").asLong();
        assertThat(read.get(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(cacheRead).isPositive();
        assertThat(read.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(secondLine.path("input_tokens").asLong()
                + cacheRead + secondLine.path("cache_write_tokens").asLong());
        assertThat(read.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isGreaterThan(secondLine.path("input_tokens").asLong());
        assertThat(read.get(GenAiAttributes.REQUEST_ID)).isEqualTo(secondLine.path("request_id").asText());
    }

    @Test
    void aRetriedCallIsOneSpanWithItsRetryAsAnEvent() {
        simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));

        summarise(200);

        SpanData chat = only("chat claude-sonnet-4-6");
        assertThat(chat.getAttributes().get(GenAiAttributes.ATTEMPTS)).isEqualTo(2);
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(chat.getEvents()).singleElement().satisfies(retry -> {
            assertThat(retry.getName()).isEqualTo("claude_features.retry");
            assertThat(retry.getAttributes().get(AttributeKey.longKey("claude_features.attempt"))).isEqualTo(1);
            assertThat(retry.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("overloaded_error");
            assertThat(retry.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(529);
        });
    }

    @Test
    void anEscalationIsASecondChatSpanOnTheStrongerModelAndAnEventOfTheFeature() throws Exception {
        simulator.failNext(Fault.answer(JSON.readTree("{\"category\":\"account\",\"confidence\":0.2}")));

        given().contentType(ContentType.JSON).body("{\"text\": \"My invoice is wrong.\"}")
                .when().post("/classify/ticket").then().statusCode(200);

        SpanData feature = only("feature classify-ticket");
        SpanData first = only("chat claude-sonnet-4-6");
        SpanData escalation = only("chat claude-opus-4-6");
        assertThat(first.getParentSpanId()).isEqualTo(feature.getSpanId());
        assertThat(escalation.getParentSpanId()).isEqualTo(feature.getSpanId());
        assertThat(first.getAttributes().get(GenAiAttributes.ESCALATION)).isFalse();
        assertThat(escalation.getAttributes().get(GenAiAttributes.ESCALATION)).isTrue();
        assertThat(escalation.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("claude-opus-4-6");
        assertThat(escalation.getAttributes().get(GenAiAttributes.FEATURE)).isEqualTo("classify-ticket");
        assertThat(feature.getEvents()).extracting(EventData::getName).containsExactly("claude_features.escalation");
        assertThat(feature.getEvents().get(0).getAttributes().get(AttributeKey.stringKey(
                "claude_features.escalated_to"))).isEqualTo("claude-opus-4-6");
    }

    @Test
    void aStreamedChatTurnIsTracedInTheRequestsTraceThoughItRunsOnAnotherThread() {
        given().contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Which plan fits a team of five?\"}]}")
                .when().post("/chat").then().statusCode(200);

        SpanData feature = only("feature chat");
        SpanData chat = only("chat claude-sonnet-4-6");
        assertThat(chat.getParentSpanId()).isEqualTo(feature.getSpanId());
        assertThat(chat.getAttributes().get(GenAiAttributes.STREAMED)).isTrue();
        assertThat(chat.getAttributes().get(GenAiAttributes.RESPONSE_ID)).startsWith("msg_");
        assertThat(chat.getAttributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("end_turn");
        assertThat(chat.getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isPositive();
        assertThat(chat.getAttributes().get(GenAiAttributes.TIME_TO_FIRST_TOKEN_MS)).isNotNull();
        // The stream's thread continues the request's trace: the feature span has the HTTP request's span as parent.
        assertThat(feature.getParentSpanContext().isValid()).isTrue();
        assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getSpanId().equals(feature.getParentSpanId()))
                .singleElement().satisfies(server -> assertThat(server.getKind()).isEqualTo(SpanKind.SERVER));
    }

    @Test
    void aFailedCallMarksItsSpanAndItsFeaturesWithTheErrorType() {
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        }

        summarise(503);

        SpanData feature = only("feature summarise");
        SpanData chat = only("chat claude-sonnet-4-6");
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(chat.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("overloaded_error");
        assertThat(chat.getAttributes().get(GenAiAttributes.ATTEMPTS)).isEqualTo(3);
        assertThat(chat.getAttributes().get(GenAiAttributes.RESPONSE_ID)).isNull();
        assertThat(chat.getEvents()).hasSize(2);
        assertThat(feature.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(feature.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("overloaded_error");
    }

    @Test
    void noSpanAttributeOrEventCarriesThePromptOrTheAnswer() {
        String answer = given().contentType(ContentType.JSON).body("{\"text\": \"" + TEXT + "\"}")
                .when().post("/summarise").then().statusCode(200).extract().path("summary");
        simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));
        summarise(200);

        assertThat(answer).isNotBlank();
        List<String> values = spans.getFinishedSpanItems().stream()
                .flatMap(span -> Stream.concat(Stream.of(span.getAttributes()),
                        span.getEvents().stream().map(EventData::getAttributes)))
                .flatMap(attributes -> attributes.asMap().values().stream())
                .map(String::valueOf)
                .toList();
        assertThat(values).isNotEmpty().noneMatch(value -> value.contains("Thursday") || value.contains(answer));
    }

    @Test
    void theLambdaTraceHeaderIsWhatTheConfiguredPropagatorsContinue() {
        // What the Runtime Interface Client (and StreamingRuntime) set from Lambda-Runtime-Trace-Id;
        // in test mode the mock event server hands a random id instead, so it is read here directly.
        String before = System.getProperty(LAMBDA_TRACE_HEADER);
        System.setProperty(LAMBDA_TRACE_HEADER, XRAY_HEADER);
        try {
            SpanContext parent = Span.fromContext(openTelemetry.getPropagators().getTextMapPropagator()
                    .extract(Context.root(), Map.<String, String>of(), MAP_GETTER)).getSpanContext();

            assertThat(parent.getTraceId()).isEqualTo(XRAY_TRACE_ID);
            assertThat(parent.getSpanId()).isEqualTo(XRAY_PARENT);
            assertThat(parent.isSampled()).isTrue();
            assertThat(parent.isRemote()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(LAMBDA_TRACE_HEADER);
            } else {
                System.setProperty(LAMBDA_TRACE_HEADER, before);
            }
        }
    }

    @Test
    void anXRayHeaderOnTheRequestMakesTheHttpRequestTheFeatureAndTheCallOneTraceUnderIt() {
        given().contentType(ContentType.JSON).header("X-Amzn-Trace-Id", XRAY_HEADER).body("{\"text\": \"" + TEXT + "\"}")
                .when().post("/summarise").then().statusCode(200);

        SpanData feature = only("feature summarise");
        SpanData chat = only("chat claude-sonnet-4-6");
        SpanData server = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getSpanId().equals(feature.getParentSpanId())).findFirst().orElseThrow();
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getName()).isEqualTo("POST /summarise");
        assertThat(server.getParentSpanId()).isEqualTo(XRAY_PARENT);
        assertThat(List.of(server.getTraceId(), feature.getTraceId(), chat.getTraceId())).containsOnly(XRAY_TRACE_ID);
        assertThat(chat.getParentSpanId()).isEqualTo(feature.getSpanId());
    }

    private void summarise(int status) {
        given().contentType(ContentType.JSON).body("{\"text\": \"" + TEXT + "\"}")
                .when().post("/summarise").then().statusCode(status);
    }

    private void supportReply(String ticket) {
        given().contentType(ContentType.JSON).body(Map.of("ticket", ticket))
                .when().post("/support/reply").then().statusCode(200);
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }

    private SpanData only(String name) {
        List<SpanData> found = named(name);
        assertThat(found).as("spans named " + name + " among " + spans.getFinishedSpanItems().stream()
                .map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }
}
