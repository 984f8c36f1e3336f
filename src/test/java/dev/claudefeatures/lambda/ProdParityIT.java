package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.LogsInsightsQuery;
import dev.claudefeatures.testing.SamTemplate;

/**
 * The packaged function as Lambda runs it: {@code target/function.zip} unpacked, started by the
 * Runtime Interface Client with the {@code java21} runtime's JVM options and the template's
 * environment, in the production profile, fed the sample events by a fake Runtime API. Behind it,
 * the simulator's API as the upstream (reached with a key read from a fake Secrets Manager), and
 * the {@code emf} sink, so that its metrics can be read off stdout as CloudWatch reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProdParityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sk-ant-" + "prod-parity-test-key-never-logged"; // split: a fake key, not for secret scanners
    /** One more invocation than the sample events: the upstream overloaded, not retried. */
    private static final String FAILING_EVENT = "summarise.json";

    /** What one invocation sent, answered, and wrote to stdout. */
    record Invocation(String event, JsonNode response, List<JsonNode> stdout) {

        List<JsonNode> usageLines() {
            return stdout.stream().filter(line -> "claude_call".equals(line.path("type").asText())).toList();
        }

        List<JsonNode> emfLines() {
            return stdout.stream().filter(line -> line.has("_aws")).toList();
        }

        JsonNode body() throws IOException {
            String body = response.path("body").asText();
            return JSON.readTree(response.path("isBase64Encoded").asBoolean()
                    ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body);
        }
    }

    private SamTemplate template;
    private final List<Invocation> invocations = new ArrayList<>();
    private final List<JsonNode> allStdout = new ArrayList<>();
    private String stdoutText;
    private String stderrText;
    private List<String> upstreamKeys;
    private List<String> jvmArguments;
    private Invocation outOfTime;
    private Invocation badQuery;
    private int upstreamBeforeBadQuery;
    private int upstreamAfterBadQuery;
    private final List<Invocation> diagnosed = new ArrayList<>();
    /** A message whose diagnostics say why the previous message's cache prefix was missed. */
    private static final String MISSED_CACHE = """
            {"id":"msg_missed","type":"message","role":"assistant","model":"claude-sonnet-4-6",
             "content":[{"type":"text","text":"A summary."}],"stop_reason":"end_turn","stop_sequence":null,
             "diagnostics":{"cache_miss_reason":{"type":"REASON","cache_missed_input_tokens":4096}},
             "usage":{"input_tokens":4200,"output_tokens":3}}""";
    private Duration outOfTimeTook;
    /** Whether anything connected to the OTLP endpoint the function was given: traces are off by default. */
    private boolean otlpConnected;
    /** Every class the function had loaded after the invocations. */
    private Set<String> loadedClasses;

    @BeforeAll
    void runTheSampleEventsThroughThePackagedFunction() throws Exception {
        template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        Path work = Files.createDirectories(Path.of("target", "prod-parity"));
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
                LoopbackSimulator upstream = LoopbackSimulator.start();
                FakeSecretsManager secrets = FakeSecretsManager.holding(API_KEY);
                java.net.ServerSocket collector = new java.net.ServerSocket(0, 50,
                        java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(
                    runtimeApi.address(), "claude-features-prod-parity", template.functionMemoryMb()));
            env.putAll(template.functionEnvironment());
            env.put("ANTHROPIC_BASE_URL", upstream.baseUri().toString());
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
            // Where spans would go if tracing were on (it is not, without TracingLayerArn).
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getLocalPort());

            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), work, template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                jvmArguments = function.arguments();
                Duration timeout = Duration.ofSeconds(template.functionTimeoutSeconds());
                for (Path event : sampleEvents()) {
                    invocations.add(invoke(function, runtimeApi, event.getFileName().toString(), Files.readString(event),
                            timeout));
                }
                upstream.failNext(Fault.error(529, "overloaded_error").withHeader("x-should-retry", "false"));
                invocations.add(invoke(function, runtimeApi, FAILING_EVENT,
                        Files.readString(Path.of("infra", "events", FAILING_EVENT)), timeout));
                // Two answers that say a prompt, then a tool, changed: CacheMissedInputTokens by Reason.
                for (String reason : List.of("system_changed", "tools_changed")) {
                    upstream.answerNextRaw(200, MISSED_CACHE.replace("REASON", reason));
                    diagnosed.add(invoke(function, runtimeApi, FAILING_EVENT,
                            Files.readString(Path.of("infra", "events", FAILING_EVENT)), timeout));
                }
                // An invocation with 2.5 s left and an upstream that needs 4 s: the budget is the
                // invocation's time less the margin, so the function answers before Lambda ends it.
                upstream.failNext(Fault.slow(Duration.ofSeconds(4)));
                long start = System.nanoTime();
                outOfTime = invoke(function, runtimeApi, FAILING_EVENT,
                        Files.readString(Path.of("infra", "events", FAILING_EVENT)), Duration.ofMillis(2500));
                outOfTimeTook = Duration.ofNanos(System.nanoTime() - start);
                // A query string API Gateway passes on as it came, undecodable: a problem, no call.
                com.fasterxml.jackson.databind.node.ObjectNode withBadQuery = (com.fasterxml.jackson.databind.node.ObjectNode)
                        JSON.readTree(Files.readString(Path.of("infra", "events", "summarise.json")));
                withBadQuery.put("rawQueryString", "a=%zz");
                upstreamBeforeBadQuery = upstream.received().size();
                badQuery = invoke(function, runtimeApi, "summarise.json?a=%zz", withBadQuery.toString(), timeout);
                upstreamAfterBadQuery = upstream.received().size();
                assertThat(function.isAlive()).isTrue();
                for (String line : function.stdoutLines()) {
                    allStdout.add(parse(line));
                }
                stdoutText = String.join("\n", function.stdoutLines());
                stderrText = function.stderr();
                loadedClasses = function.loadedClasses();
            }
            upstreamKeys = upstream.received().stream().map(request -> request.header("x-api-key")).toList();
            otlpConnected = anyConnectionWaiting(collector);
            assertThat(secrets.targets()).contains("secretsmanager.GetSecretValue");
        }
    }

    /** A connection made earlier waits in the backlog: accept returns at once, else times out at once. */
    private static boolean anyConnectionWaiting(java.net.ServerSocket collector) throws IOException {
        collector.setSoTimeout(1);
        try (java.net.Socket connected = collector.accept()) {
            return true;
        } catch (java.net.SocketTimeoutException none) {
            return false;
        }
    }

    private static List<Path> sampleEvents() throws IOException {
        try (var files = Files.list(Path.of("infra", "events"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Invocation invoke(PackagedFunction function, FakeRuntimeApi runtimeApi, String name, String event,
            Duration timeout) throws Exception {
        PackagedFunction.Answered answered = function.invoke(runtimeApi, event, timeout);
        return new Invocation(name, JSON.readTree(answered.response()),
                answered.stdout().stream().map(ProdParityIT::parse).toList());
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("stdout line is a JSON object: %s", line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("stdout line is not JSON: " + line, e);
        }
    }

    @Test
    void theFunctionRunsUnderTheRuntimeInterfaceClientWithTheJava21RuntimesJvmOptions() {
        // 85% of the template's MemorySize (512 MB): the heap the java21 runtime gives such a function.
        assertThat(template.functionMemoryMb()).isEqualTo(512);
        assertThat(jvmArguments).contains("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", PackagedFunction.RIC_MAIN, PackagedFunction.HANDLER);
    }

    @Test
    void everySampleEventIsAnswered200WithAJsonBody() throws IOException {
        List<Invocation> samples = invocations.subList(0, invocations.size() - 1);
        assertThat(samples).hasSize(sampleEvents().size()).isNotEmpty();
        for (Invocation invocation : samples) {
            assertThat(invocation.response().path("statusCode").asInt()).as(invocation.event()).isEqualTo(200);
            assertThat(invocation.body().isObject()).as(invocation.event()).isTrue();
            assertThat(invocation.body().has("type")).as("not a problem: %s", invocation.body()).isFalse();
        }
    }

    @Test
    void anOverloadedUpstreamIsAnswered503AsAProblem() throws IOException {
        Invocation failed = invocations.get(invocations.size() - 1);
        assertThat(failed.response().path("statusCode").asInt()).isEqualTo(503);
        assertThat(failed.response().path("headers").toString()).contains("application/problem+json");
        assertThat(failed.body().path("type").asText()).isEqualTo("urn:claude-features:problem:upstream-unavailable");
        assertThat(failed.usageLines()).singleElement()
                .satisfies(line -> assertThat(line.path("error_type").asText()).isEqualTo("overloaded_error"));
    }

    @Test
    void aCacheMissReasonReachesTheUsageLineAndItsOwnEmfDocument() {
        assertThat(diagnosed).extracting(i -> i.usageLines().get(0).path("cache_miss_reason").asText())
                .containsExactly("system_changed", "tools_changed");
        assertThat(diagnosed).allSatisfy(i -> assertThat(i.emfLines())
                .anyMatch(line -> line.path("CacheMissedInputTokens").asInt() == 4096 && line.has("Reason")));
    }

    @Test
    void aSlowUpstreamIsCutByTheInvocationsRemainingTimeAndAnswered504BeforeLambdaWould() throws IOException {
        assertThat(outOfTime.response().path("statusCode").asInt()).isEqualTo(504);
        assertThat(outOfTime.body().path("type").asText()).isEqualTo("urn:claude-features:problem:upstream-timeout");
        assertThat(outOfTimeTook).isLessThan(Duration.ofMillis(2500));
        assertThat(outOfTime.usageLines()).singleElement()
                .satisfies(line -> assertThat(line.path("error_type").asText()).isEqualTo("timeout"));
        assertThat(outOfTime.emfLines()).isNotEmpty();
    }

    @Test
    void anUndecodableQueryStringIsA400ProblemAndNothingIsCalled() throws IOException {
        assertThat(badQuery.response().path("statusCode").asInt()).isEqualTo(400);
        assertThat(badQuery.body().path("type").asText()).isEqualTo("urn:claude-features:problem:invalid-input");
        assertThat(badQuery.body().path("detail").asText()).contains("query string");
        assertThat(upstreamAfterBadQuery).isEqualTo(upstreamBeforeBadQuery);
    }

    @Test
    void everyStdoutLineIsAUsageLineAnEmfDocumentOrAQuarkusJsonLogRecord() {
        assertThat(allStdout).isNotEmpty().allSatisfy(line -> {
            boolean usage = "claude_call".equals(line.path("type").asText());
            boolean emf = line.has("_aws");
            boolean logRecord = line.has("timestamp") && line.has("level") && line.has("loggerName")
                    && line.has("message");
            assertThat(usage || emf || logRecord).as("unknown line %s", line).isTrue();
            if (logRecord) {
                // The defect this test was written for: a usage or EMF line wrapped in a log record.
                assertThat(line.path("message").asText()).doesNotContain("claude_call").doesNotContain("_aws");
            }
        });
        assertThat(allStdout).anyMatch(line -> line.has("loggerName")); // Quarkus's own records stay JSON records
    }

    @Test
    void eachInvocationWritesAUsageLinePerCallWithTheDocumentedFields() throws IOException {
        Set<String> documented = documentedUsageFields();
        assertThat(documented).contains("feature", "model", "cost_usd", "input_tokens", "output_tokens");
        for (Invocation invocation : invocations) {
            assertThat(invocation.usageLines()).as(invocation.event()).isNotEmpty().allSatisfy(line -> {
                assertThat(fieldNames(line)).as(invocation.event()).containsAll(documented);
                assertThat(line.path("input_tokens").isInt()).isTrue();
                assertThat(line.path("cost_usd").isNumber()).isTrue();
            });
        }
        int usageLines = invocations.stream().mapToInt(i -> i.usageLines().size()).sum()
                + outOfTime.usageLines().size() + diagnosed.stream().mapToInt(i -> i.usageLines().size()).sum();
        assertThat(usageLines).as("one usage line per upstream call").isEqualTo(upstreamKeys.size());
    }

    @Test
    void eachInvocationWritesEmfDocumentsThatMeetTheSpecification() {
        Instant now = Instant.now();
        for (Invocation invocation : invocations) {
            assertThat(invocation.emfLines()).as(invocation.event()).isNotEmpty().allSatisfy(document ->
                    assertThat(EmfDocument.violations(document, now)).as(document.toString()).isEmpty());
            Set<String> features = invocation.usageLines().stream().map(line -> line.path("feature").asText())
                    .collect(Collectors.toSet());
            assertThat(invocation.emfLines()).extracting(line -> line.path("Feature").asText())
                    .containsOnlyElementsOf(features);
        }
    }

    @Test
    void theEmfDocumentsDeclareEveryMetricTheAlarmsWatch() {
        Set<EmfDocument.Declared> declared = allStdout.stream().filter(line -> line.has("_aws"))
                .flatMap(line -> EmfDocument.declared(line).stream()).collect(Collectors.toSet());
        List<SamTemplate.Metric> watched = template.alarmMetrics();
        assertThat(watched).hasSizeGreaterThan(4);
        for (SamTemplate.Metric metric : watched) {
            assertThat(declared).as("an EMF declaration for alarm metric %s", metric).anyMatch(d ->
                    d.namespace().equals(metric.namespace()) && d.metric().equals(metric.name())
                            && d.dimensionSet().equals(metric.dimensions().keySet())
                            && (metric.unit() == null || metric.unit().equals(d.unit())));
            // An alarm on one feature's series needs a document carrying that feature's value.
            metric.dimensions().forEach((name, value) -> assertThat(allStdout)
                    .as("an EMF document with %s=%s for %s", name, value, metric.name())
                    .anyMatch(line -> line.has("_aws") && value.equals(line.path(name).asText())));
        }
    }

    @Test
    void theDocumentedLogsInsightsQueriesFindTheirFieldsInTheUsageLines() throws IOException {
        List<JsonNode> usage = allStdout.stream().filter(line -> "claude_call".equals(line.path("type").asText()))
                .toList();
        List<LogsInsightsQuery> queries = LogsInsightsQuery.inMarkdown(Files.readString(Path.of("docs", "OBSERVABILITY.md")));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(3);
        for (LogsInsightsQuery query : queries) {
            Set<String> present = new TreeSet<>();
            usage.forEach(line -> present.addAll(fieldNames(line)));
            assertThat(present).as("fields of %s", query).containsAll(query.fields());
            List<Map<String, Object>> rows = query.run(allStdout);
            assertThat(rows).as("rows of %s", query).isNotEmpty();
        }
    }

    @Test
    void theTemplatesSavedQueriesFindTheirFieldsInTheUsageLines() {
        List<String> saved = new ArrayList<>();
        template.resources().fields().forEachRemaining(resource -> {
            if ("AWS::Logs::QueryDefinition".equals(resource.getValue().path("Type").asText())) {
                saved.add(resource.getValue().path("Properties").path("QueryString").asText());
            }
        });
        assertThat(saved).hasSizeGreaterThanOrEqualTo(3);
        Set<String> present = new TreeSet<>();
        allStdout.stream().filter(line -> "claude_call".equals(line.path("type").asText()))
                .forEach(line -> present.addAll(fieldNames(line)));
        for (String text : saved) {
            LogsInsightsQuery query = LogsInsightsQuery.inMarkdown("```logs-insights\n" + text + "```").get(0);
            assertThat(present).as("fields of %s", query).containsAll(query.fields());
            assertThat(query.run(allStdout)).as("rows of %s", query).isNotEmpty();
        }
    }

    @Test
    void withoutTheTracingLayerNothingIsExported() {
        assertThat(otlpConnected).as("a connection to the OTLP endpoint").isFalse();
    }

    /**
     * Traces off costs no start-up and no span: the OpenTelemetry SDK is never built
     * (telemetry/TracingSdk), so neither it nor its autoconfiguration is loaded by init, and the
     * invocations record no span (a disabled SDK would still have, with nowhere to send them).
     */
    @Test
    void withoutTheTracingLayerTheOpenTelemetrySdkIsNeverBuilt() {
        assertThat(loadedClasses).as("classes loaded").hasSizeGreaterThan(1000)
                .contains("io.opentelemetry.api.OpenTelemetry", "dev.claudefeatures.telemetry.Traces")
                .doesNotContain("io.opentelemetry.sdk.OpenTelemetrySdk",
                        "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
                        "io.opentelemetry.sdk.trace.SdkTracerProvider", "io.opentelemetry.sdk.trace.SdkSpan");
        // Nor the extension: the default package is built without it (-Ptraced adds it).
        assertThat(loadedClasses).noneMatch(name -> name.startsWith("io.quarkus.opentelemetry."));
        assertThat(stdoutText + stderrText).doesNotContain("Unrecognized configuration key");
    }

    @Test
    void theKeyReachesTheUpstreamAndNoOutput() {
        assertThat(upstreamKeys).isNotEmpty().allMatch(API_KEY::equals);
        assertThat(stdoutText).doesNotContain(API_KEY);
        assertThat(stderrText).doesNotContain(API_KEY);
    }

    @Test
    void noPromptOrAnswerTextIsLoggedWithContentLoggingOff() throws IOException {
        for (Path event : sampleEvents()) {
            List<String> texts = new ArrayList<>();
            collectTexts(JSON.readTree(JSON.readTree(Files.readString(event)).path("body").asText()), texts);
            assertThat(texts).as("the texts of %s", event).isNotEmpty();
            for (String text : texts) {
                String sample = text.substring(0, Math.min(40, text.length()));
                assertThat(stdoutText).as(event.toString()).doesNotContain(sample);
                assertThat(stderrText).as(event.toString()).doesNotContain(sample);
            }
        }
    }

    /** Every string of at least 20 characters in a request body: the caller's texts. */
    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isTextual() && node.asText().length() >= 20) {
            texts.add(node.asText());
        }
        node.forEach(child -> collectTexts(child, texts));
    }

    private static Set<String> documentedUsageFields() throws IOException {
        String readme = Files.readString(Path.of("docs", "OBSERVABILITY.md"));
        int start = readme.indexOf("{\"type\":\"claude_call\"");
        assertThat(start).as("docs/OBSERVABILITY.md shows a usage line").isPositive();
        String example = readme.substring(start, readme.indexOf("```", start)).strip();
        return fieldNames(JSON.readTree(example));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
