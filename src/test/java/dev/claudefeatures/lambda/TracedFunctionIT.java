package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.claudefeatures.testing.SamTemplate;

/**
 * The packaged function deployed with {@code TracingLayerArn}, under the Runtime Interface Client
 * with Lambda's flags, answers as always and sends its spans by OTLP to where the layer's collector
 * listens, in the trace of Lambda's own trace header ({@code Lambda-Runtime-Trace-Id}, sampled, as
 * X-Ray's active tracing sets it): the HTTP request, the feature and the Claude call, with the
 * GenAI attributes and never the text. The collector here is a fake that keeps what it is sent;
 * OTLP's protobuf carries names, keys and ids as their bytes, which is what is checked.
 */
// Needs quarkus-opentelemetry in the package: runs under ./mvnw verify -Ptraced (.ci/run runs both).
@org.junit.jupiter.api.Tag("traced")
class TracedFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAYER = "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1";
    private static final String TRACE_ID = "6759e988bd862e3fe1be46a994272793";
    private static final String PARENT_ID = "63995c3f42cd8ad8";

    @Test
    void aTracedFunctionExportsTheRequestTheFeatureAndTheCallInLambdasTrace() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("TracingLayerArn", LAYER));
        assertThat(template.functionEnvironment()).containsEntry("OTEL_SDK_DISABLED", "false");
        JsonNode offline = JSON.readTree(Files.readString(Path.of("infra", "env.offline.json"))).path("Parameters");
        List<byte[]> exported = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String event = Files.readString(Path.of("infra", "events", "summarise.json"));
        String text = JSON.readTree(JSON.readTree(event).path("body").asText()).path("text").asText();
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            runtimeApi.traceHeader("Root=1-" + TRACE_ID.substring(0, 8) + "-" + TRACE_ID.substring(8) + ";Parent="
                    + PARENT_ID + ";Sampled=1");
            Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(),
                    "claude-features-traced", template.functionMemoryMb()));
            env.putAll(template.functionEnvironment());
            offline.fields().forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
            env.put("ANTHROPIC_SIMULATOR_PORT", "0");
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort());
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), Path.of("target", "traced-function"),
                    template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                int spansBefore = exported.size();
                JsonNode response = JSON.readTree(function.invoke(runtimeApi, event,
                        Duration.ofSeconds(template.functionTimeoutSeconds())).response());
                assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);

                // Each span leaves as it ends (quarkus.otel.simple), on the exporter's own thread.
                byte[] spans = awaitExported(exported, spansBefore, "chat claude-sonnet-4-6", "feature summarise");
                String asText = new String(spans, StandardCharsets.ISO_8859_1);
                assertThat(spans).as("Lambda's trace id").containsSequence(HexFormat.of().parseHex(TRACE_ID));
                assertThat(spans).as("Lambda's segment as the parent").containsSequence(HexFormat.of().parseHex(PARENT_ID));
                assertThat(asText).contains("POST /summarise", "gen_ai.operation.name", "gen_ai.provider.name",
                        "anthropic", "gen_ai.request.model", "gen_ai.request.max_tokens", "gen_ai.response.id",
                        "gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
                        "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens",
                        "claude_features.cost_usd", "claude_features.request_id", "claude-features-traced");
                assertThat(asText).as("the prompt's text").doesNotContain(text.substring(0, 40));
                assertThat(function.stdoutLines()).noneMatch(line -> line.contains("Failed to export"));
            }
        } finally {
            collector.stop(0);
        }
    }

    /** Everything exported since {@code from}, once it holds every name; the test's timeout bounds the wait. */
    private static byte[] awaitExported(List<byte[]> exported, int from, String... names) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            // A snapshot first: a sub-list of the live list fails once the exporter adds to it.
            List<byte[]> snapshot = List.copyOf(exported);
            snapshot.subList(from, snapshot.size()).forEach(all::writeBytes);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (java.util.Arrays.stream(names).allMatch(text::contains) || System.nanoTime() > giveUp) {
                return all.toByteArray();
            }
            Thread.sleep(50);
        }
    }
}
