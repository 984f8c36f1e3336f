package dev.claudefeatures.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every fault answered as what it is, a row per fault: the caller's mistakes are 4xx problems
 * that never reach the Messages API; the API's failures and unusable answers are 5xx problems of
 * the right type; none leaks a stack trace, a class name or the key.
 */
@QuarkusTest
@WithTestResource(ScriptedUpstream.class)
class FaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "urn:claude-features:problem:";
    private static final String VALID_MESSAGE = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
             "content":[{"type":"text","text":"A summary."}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":3}}""";

    /**
     * One fault: the request, what the upstream does, and the answer expected.
     *
     * @param upstream what the upstream is told before the request (nothing for input faults)
     * @param apiCalls how many Messages API calls the request may make (0: the API must not be called)
     */
    record Row(String name, String method, String path, String contentType, byte[] body,
            Consumer<LoopbackSimulator> upstream, int status, String type, int apiCalls, Consumer<Response> more) {
    }

    private static Row input(String name, String body, int status, String type) {
        return request(name, "POST", "/summarise", "application/json", body.getBytes(StandardCharsets.UTF_8), status,
                type, NOTHING_MORE);
    }

    /** A request that must not reach the API, to any path, with any content type. */
    private static Row request(String name, String method, String path, String contentType, byte[] body, int status,
            String type, Consumer<Response> more) {
        return new Row(name, method, path, contentType, body, upstream -> {
        }, status, type, 0, more);
    }

    private static final Consumer<Response> NOTHING_MORE = response -> {
    };

    private static Row upstream(String name, Consumer<LoopbackSimulator> script, int status, String type, int calls,
            Consumer<Response> more) {
        return new Row(name, "POST", "/summarise", "application/json",
                "{\"text\": \"Summarise this, please.\"}".getBytes(StandardCharsets.UTF_8), script, status, type, calls,
                more);
    }

    private static Fault error(int status, String type, String message, Map<String, String> headers) {
        return new Fault(status, type, message, headers, Duration.ZERO, null, null);
    }

    private static final Map<String, String> NO_RETRY = Map.of("x-should-retry", "false");

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // --- The caller's body: never sent to the model ---------------------------------------
        rows.add(input("a key given twice", "{\"text\":\"a\",\"text\":\"b\"}", 400, "malformed-json"));
        rows.add(input("a number for text", "{\"text\":42}", 400, "malformed-json"));
        rows.add(input("a decimal for text", "{\"text\":4.2}", 400, "malformed-json"));
        rows.add(input("a boolean for text", "{\"text\":true}", 400, "malformed-json"));
        rows.add(input("an array for text", "{\"text\":[\"a\"]}", 400, "malformed-json"));
        rows.add(input("an object for text", "{\"text\":{\"a\":1}}", 400, "malformed-json"));
        rows.add(input("null text", "{\"text\":null}", 400, "invalid-input"));
        rows.add(input("no text field", "{}", 400, "invalid-input"));
        rows.add(input("trailing data after the document", "{\"text\":\"a\"} x", 400, "malformed-json"));
        rows.add(input("two documents", "{\"text\":\"a\"}{\"text\":\"b\"}", 400, "malformed-json"));
        rows.add(input("an array body", "[{\"text\":\"a\"}]", 400, "malformed-json"));
        rows.add(input("a string body", "\"just text\"", 400, "malformed-json"));
        rows.add(input("unterminated JSON", "{\"text\": \"abc", 400, "malformed-json"));
        rows.add(input("only zero-width spaces", "{\"text\":\"\\u200b\\u200b\"}", 400, "invalid-input"));
        rows.add(input("only a byte order mark", "{\"text\":\"\\ufeff\"}", 400, "invalid-input"));
        rows.add(input("joiners and spaces", "{\"text\":\" \\u200d \\u2060 \\u00a0\"}", 400, "invalid-input"));
        rows.add(input("white space only", "{\"text\":\" \\n\\t \"}", 400, "invalid-input"));
        rows.add(input("an unpaired high surrogate", "{\"text\":\"abc \\ud800\"}", 400, "invalid-input"));
        rows.add(input("an unpaired low surrogate", "{\"text\":\"\\udc00 abc\"}", 400, "invalid-input"));
        rows.add(input("text over the limit", "{\"text\":\"" + "a".repeat(100_001) + "\"}", 413, "input-too-large"));
        rows.add(input("a key given twice, nested", "{\"text\":\"a\",\"meta\":{\"k\":1,\"k\":2}}", 400,
                "malformed-json"));
        rows.add(request("no body", "POST", "/summarise", "application/json", new byte[0], 400, "invalid-input",
                NOTHING_MORE));
        rows.add(request("a Latin-1 charset", "POST", "/summarise", "application/json; charset=ISO-8859-1",
                "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1), 415, "unsupported-media-type",
                NOTHING_MORE));
        rows.add(request("a UTF-16 charset", "POST", "/summarise", "application/json; charset=UTF-16",
                "{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_16), 415, "unsupported-media-type", NOTHING_MORE));
        rows.add(request("text/plain", "POST", "/summarise", "text/plain",
                "summarise this".getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type", NOTHING_MORE));
        rows.add(request("GET on a feature", "GET", "/summarise", null, null, 405, "method-not-allowed",
                response -> assertThat(response.header("Allow")).contains("POST")));
        rows.add(request("PUT on a feature", "PUT", "/summarise", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), 405, "method-not-allowed",
                response -> assertThat(response.jsonPath().getString("detail")).contains("POST")));
        rows.add(request("an unknown path", "POST", "/summarize", "application/json",
                "{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8), 404, "not-found", NOTHING_MORE));
        // Not here: a malformed query string (?a=%zz), which rest-assured would encode: see
        // MalformedQueryStringTest, which sends it as API Gateway does, in the event.
        rows.add(request("a number for text, extractor", "POST", "/extract/invoice", "application/json",
                "{\"text\":42}".getBytes(StandardCharsets.UTF_8), 400, "malformed-json", NOTHING_MORE));
        rows.add(request("a key given twice, classifier", "POST", "/classify/ticket", "application/json",
                "{\"text\":\"a\",\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8), 400, "malformed-json",
                NOTHING_MORE));
        // A feature's own request record is read as strictly, because its resource declares the feature.
        rows.add(request("a key given twice, a feature's own record", "POST", "/answer", "application/json",
                "{\"documents\":[\"d\"],\"question\":\"a\",\"question\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                400, "malformed-json", NOTHING_MORE));
        rows.add(request("a number for text, a feature's own record", "POST", "/support/reply", "application/json",
                "{\"ticket\":42}".getBytes(StandardCharsets.UTF_8), 400, "malformed-json", NOTHING_MORE));

        // --- The API's answer --------------------------------------------------------------
        rows.add(upstream("a 200 that is not JSON", u -> u.answerNextRaw(200, "<html>gateway</html>"), 502,
                "upstream-error", 1, response -> {
                }));
        rows.add(upstream("a 200 cut short", u -> u.answerNextRaw(200, VALID_MESSAGE.substring(0, 60)), 502,
                "upstream-error", 1, response -> {
                }));
        rows.add(upstream("a 200 without stop_reason", u -> u.answerNextRaw(200,
                VALID_MESSAGE.replace("\"stop_reason\":\"end_turn\",", "")), 502, "upstream-error", 1, response -> {
                }));
        rows.add(upstream("a 200 without usage", u -> u.answerNextRaw(200,
                VALID_MESSAGE.replace(",\n \"usage\":{\"input_tokens\":12,\"output_tokens\":3}", "")
                        .replaceAll(",\\s*\"usage\":\\{[^}]*}", "")), 502, "upstream-error", 1, response -> {
                }));
        rows.add(upstream("a 200 with empty content", u -> u.answerNextRaw(200,
                VALID_MESSAGE.replace("[{\"type\":\"text\",\"text\":\"A summary.\"}]", "[]")), 502, "upstream-error", 1,
                response -> {
                }));
        rows.add(upstream("a well-formed 200", u -> u.answerNextRaw(200, VALID_MESSAGE), 200, null, 1, response ->
                assertThat(response.jsonPath().getString("summary")).isEqualTo("A summary.")));
        rows.add(upstream("overloaded with retry-after-ms only", u -> u.failNext(error(529, "overloaded_error", "busy",
                Map.of("x-should-retry", "false", "retry-after-ms", "1500"))), 503, "upstream-unavailable", 1,
                response -> assertThat(response.header("Retry-After")).isEqualTo("2")));
        rows.add(upstream("rate limited with an unreadable retry-after", u -> u.failNext(error(429, "rate_limit_error",
                "slow", Map.of("x-should-retry", "false", "retry-after", "soon"))), 503, "upstream-unavailable", 1,
                response -> assertThat(response.header("Retry-After")).isEqualTo("5")));
        rows.add(upstream("rate limited with a retry-after of days", u -> u.failNext(error(429, "rate_limit_error",
                "slow", Map.of("x-should-retry", "false", "retry-after", "999999"))), 503, "upstream-unavailable", 1,
                response -> assertThat(response.header("Retry-After")).isEqualTo("60")));
        rows.add(upstream("a spend cap 429 without retry-after", u -> u.failNext(error(429, "rate_limit_error",
                "monthly limit", NO_RETRY)), 503, "upstream-unavailable", 1,
                response -> assertThat(response.header("Retry-After")).isEqualTo("5")));
        rows.add(upstream("a 401 that echoes the key", u -> u.failNext(error(401, "authentication_error",
                "invalid x-api-key: " + ScriptedUpstream.API_KEY, Map.of())), 502, "upstream-error", 1, response -> {
                }));
        rows.add(upstream("a 500 with a huge message", u -> u.failNext(error(500, "api_error", "x".repeat(10_000),
                NO_RETRY)), 502, "upstream-error", 1, response -> assertThat(response.asString()).hasSizeLessThan(1000)));
        rows.add(upstream("a 400 from the API", u -> u.failNext(error(400, "invalid_request_error", "bad", Map.of())),
                502, "upstream-error", 1, response -> assertThat(response.jsonPath().getInt("upstream_status"))
                        .isEqualTo(400)));
        rows.add(upstream("the API timed out", u -> u.failNext(error(504, "timeout_error", "slow", NO_RETRY)), 504,
                "upstream-timeout", 1, response -> {
                }));
        rows.add(new Row("an impossible date goes through repair", "POST", "/extract/invoice", "application/json",
                "{\"text\":\"Nordlicht GmbH invoice, 2 November 2026 (2026-11-02): licence 1500.50, total 1500.50\"}"
                        .getBytes(StandardCharsets.UTF_8),
                u -> {
                    try {
                        u.failNext(new Fault(0, null, null, Map.of(), Duration.ZERO, JSON.readTree(
                                "{\"vendor\":\"Nordlicht\",\"date\":\"2025-02-30\",\"line_items\":[{\"description\":"
                                        + "\"licence\",\"amount\":1500.5}],\"total\":1500.5}"), null));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 200, null, 2, response -> assertThat(response.jsonPath().getString("date")).isEqualTo("2026-11-02")));
        return rows;
    }

    @AfterEach
    void everyScriptedAnswerWasUsed() {
        assertThat(ScriptedUpstream.current().clear()).as("scripted answers left unused").isZero();
    }

    @TestFactory
    Stream<DynamicTest> eachFaultIsAnsweredAsWhatItIs() {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(row)));
    }

    private static void check(Row row) throws Exception {
        LoopbackSimulator upstream = ScriptedUpstream.current();
        row.upstream().accept(upstream);
        int before = upstream.received().size();
        Response response;
        try (LogCapture logs = LogCapture.start()) {
            RequestSpecification request = given().urlEncodingEnabled(false)
                    .config(RestAssuredConfig.config().encoderConfig(
                            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
            if (row.contentType() != null) {
                request.contentType(row.contentType());
            }
            if (row.body() != null && row.body().length > 0) {
                request.body(row.body());
            }
            response = request.request(row.method(), row.path());
            assertThat(logs.lines()).as("logs of %s", row.name()).noneMatch(line -> line.contains(ScriptedUpstream.API_KEY));
            assertThat(logs.lines()).as("logs of %s", row.name()).allMatch(line -> line.length() < 2_000);
        }
        int calls = upstream.received().size() - before;
        String body = response.asString();

        assertThat(response.statusCode()).as("%s: %s", row.name(), body).isEqualTo(row.status());
        assertThat(calls).as("%s: Messages API calls", row.name()).isEqualTo(row.apiCalls());
        assertThat(body).as(row.name()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("dev.claudefeatures")
                .doesNotContain("com.fasterxml").doesNotContain(ScriptedUpstream.API_KEY);
        if (row.status() >= 400) {
            assertThat(response.contentType()).as(row.name()).startsWith("application/problem+json");
            if (row.type() != null) {
                assertThat(JSON.readTree(body).path("type").asText()).as(row.name()).isEqualTo(PROBLEM + row.type());
            }
            if (row.status() == 503) {
                assertThat(response.header("Retry-After")).as(row.name()).matches("[1-9][0-9]?");
            }
        }
        row.more().accept(response);
    }
}
