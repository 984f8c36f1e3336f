package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.FixedEndpoint;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the kit adds to a call, measured side by side against one local upstream that answers at
 * once (the simulator's API on loopback), in rounds that interleave the ways of calling so that
 * drift cancels: (a) a bare JDK {@code HttpClient} POST of the request's JSON; (b) the project's
 * typed client; (c) the official Anthropic Java SDK; (d) a whole invocation of the packaged
 * function under the Runtime Interface Client with Lambda's JVM options, as the Runtime API sees
 * it; (e) a streamed chat turn on the packaged streaming function, to its first relayed text;
 * (f) and (g) as (d) with the {@code cloudwatch} sink against a fake CloudWatch that answers at
 * once, its metrics sent after the answer by the metrics extension (f) or before it (g). Every
 * answer is checked, and the upstream must have counted every call. Prints p50/p90/p99, CPU per
 * call (every process involved: this JVM, which runs the upstream and the fake Runtime API, and
 * the functions') and each one's overhead over (a); then the heap that function (d) keeps alive
 * after {@value #HEAP_AFTER} invocations. Asserts only that the answers were right. Run with {@code ./mvnw -B verify -DskipTests && ./mvnw -B test
 * -Dtest=InvocationBenchmark -Dbenchmarks=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class InvocationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-ant-" + "benchmark-key";
    private static final String TEXT = "Quarterly revenue rose 12% to 4.2 million euros, driven by the new subscription "
            + "tier. Operating costs grew 5%, mostly from two new support hires.";
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 20);
    private static final int PER_ROUND = Integer.getInteger("benchmark.calls", 50);
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 2_000);
    /** Invocations of function (d) after which its live heap is measured. */
    private static final int HEAP_AFTER = 10_000;

    @Inject
    AnthropicConfig config;

    /** One way of calling: a name, and one call that returns its latency in nanoseconds. */
    private record Way(String name, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        long run() throws Exception;
    }

    /** The samples of one way: latencies and the CPU of the rounds it ran. */
    private static final class Samples {
        final List<Long> nanos = new ArrayList<>();
        long cpuNanos;
        int calls;
    }

    @Test
    void measureEachWayOfCallingSideBySide() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        try (LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding(KEY);
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi();
                FakeRuntimeApi afterApi = new FakeRuntimeApi();
                FakeRuntimeApi beforeApi = new FakeRuntimeApi(() -> -1, false)) {
            dev.claudefeatures.telemetry.FakeCloudWatch cloudWatch = new dev.claudefeatures.telemetry.FakeCloudWatch();
            Map<String, String> cloudWatchEnv = Map.of("TELEMETRY_SINK", "cloudwatch",
                    "TELEMETRY_CLOUDWATCH_ENDPOINT_OVERRIDE",
                    cloudWatch.start().get("telemetry.cloudwatch.endpoint-override"));
            long[] firstText = {0};
            FakeRuntimeApi streamingApi = new FakeRuntimeApi(() -> {
                firstText[0] = System.nanoTime();
                return 0;
            });
            MessageRequest request = MessageRequest.builder("claude-sonnet-4-6", 512).message(Message.user(TEXT)).build();
            byte[] body = JSON.writeValueAsBytes(request);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MessagesClient typed = new MessagesClient(config, new FixedEndpoint(upstream.baseUri(), KEY));
            AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(upstream.baseUri().toString()).apiKey(KEY)
                    .maxRetries(0).build();
            MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-6").maxTokens(512)
                    .addUserMessage(TEXT).build();
            String summariseEvent = Files.readString(Path.of("infra", "events", "summarise.json"));
            ObjectNode chatEvent = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra", "events", "chat.json")));
            ((ObjectNode) chatEvent.path("headers")).put("accept", "text/event-stream");

            try (PackagedFunction function = start(template, runtimeApi, upstream, secrets, "bench-d", Map.of());
                    PackagedFunction streaming = start(template, streamingApi, upstream, secrets, "bench-e",
                            chatEnvironment(template));
                    PackagedFunction after = start(template, afterApi, upstream, secrets, "bench-f", cloudWatchEnv);
                    PackagedFunction before = start(template, beforeApi, upstream, secrets, "bench-g", cloudWatchEnv)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                streaming.awaitInit(streamingApi, Duration.ofSeconds(60));
                after.awaitInit(afterApi, Duration.ofSeconds(60));
                before.awaitInit(beforeApi, Duration.ofSeconds(60));
                PackagedFunction[] all = {function, streaming, after, before};
                List<Way> ways = List.of(
                        new Way("(a) bare JDK HttpClient", () -> timed(() -> {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                    URI.create(upstream.baseUri() + "/v1/messages"))
                                    .header("content-type", "application/json").header("x-api-key", KEY)
                                    .header("anthropic-version", "2026-10-21")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            check(answer.statusCode() == 200 && answer.body().contains("[offline simulator]"), answer.body());
                        })),
                        new Way("(b) typed client", () -> timed(() -> check(
                                typed.create(request).response().text().startsWith("[offline simulator]"), "typed"))),
                        new Way("(c) official Java SDK", () -> timed(() -> check(sdk.messages().create(params)
                                .content().get(0).asText().text().startsWith("[offline simulator]"), "sdk"))),
                        new Way("(d) packaged function, one invocation", () -> timed(() -> {
                            FakeRuntimeApi.Result result = runtimeApi.invoke(summariseEvent, Duration.ofSeconds(30))
                                    .get(30, TimeUnit.SECONDS);
                            check(!result.error() && result.body().contains("\\\"summary\\\""), result.body());
                        })),
                        new Way("(e) streamed chat, to the first relayed text", () -> {
                            long start = System.nanoTime();
                            FakeRuntimeApi.Result result = streamingApi.invoke(chatEvent.toString(), Duration.ofSeconds(30))
                                    .get(30, TimeUnit.SECONDS);
                            check(result.body().contains("event:done"), result.body());
                            return firstText[0] - start;
                        }),
                        new Way("(f) as (d), cloudwatch, metrics after answer", () -> {
                            long start = System.nanoTime();
                            FakeRuntimeApi.Result result = afterApi.invoke(summariseEvent, Duration.ofSeconds(30))
                                    .get(30, TimeUnit.SECONDS);
                            long took = System.nanoTime() - start;
                            check(!result.error() && result.body().contains("\\\"summary\\\""), result.body());
                            // As Lambda would: the next event only once the extension has published.
                            afterApi.extensionsDone(result.requestId()).get(30, TimeUnit.SECONDS);
                            return took;
                        }),
                        new Way("(g) as (d), cloudwatch, metrics before answer", () -> timed(() -> {
                            FakeRuntimeApi.Result result = beforeApi.invoke(summariseEvent, Duration.ofSeconds(30))
                                    .get(30, TimeUnit.SECONDS);
                            check(!result.error() && result.body().contains("\\\"summary\\\""), result.body());
                        })));
                int upstreamBefore = upstream.received().size();
                run(ways, WARM_UP / PER_ROUND, all, new LinkedHashMap<>());
                Map<String, Samples> samples = new LinkedHashMap<>();
                int calls = run(ways, ROUNDS, all, samples);
                assertThat(upstream.received().size() - upstreamBefore).as("the upstream counted every call")
                        .isEqualTo(calls + (WARM_UP / PER_ROUND) * PER_ROUND * ways.size());
                int puts = cloudWatch.received().size();
                assertThat(puts).as("one PutMetricData per invocation of (f) and (g)")
                        .isEqualTo(2 * (ROUNDS + WARM_UP / PER_ROUND) * PER_ROUND);
                print(samples);
                printLiveHeap(function, runtimeApi, summariseEvent, (ROUNDS + WARM_UP / PER_ROUND) * PER_ROUND);
            } finally {
                sdk.close();
                streamingApi.close();
                cloudWatch.stop();
            }
        }
    }

    /** Invokes function (d) until it has served {@link #HEAP_AFTER}, then prints what its heap keeps alive. */
    private static void printLiveHeap(PackagedFunction function, FakeRuntimeApi runtimeApi, String event, int served)
            throws Exception {
        for (int i = served; i < HEAP_AFTER; i++) {
            FakeRuntimeApi.Result result = runtimeApi.invoke(event, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
            check(!result.error(), result.body());
        }
        System.out.printf(Locale.ROOT, "Live heap of (d) after %,d invocations (full GC, then jstat): %.1f MB%n",
                Math.max(served, HEAP_AFTER), function.liveHeapKib() / 1024.0);
    }

    /** Rounds of {@link #PER_ROUND} calls of each way in turn; returns how many calls were made. */
    private static int run(List<Way> ways, int rounds, PackagedFunction[] functions, Map<String, Samples> samples)
            throws Exception {
        int calls = 0;
        for (int round = 0; round < rounds; round++) {
            for (Way way : ways) {
                Samples kept = samples.computeIfAbsent(way.name(), name -> new Samples());
                long cpuBefore = cpu(functions);
                for (int i = 0; i < PER_ROUND; i++) {
                    kept.nanos.add(way.call().run());
                }
                kept.cpuNanos += cpu(functions) - cpuBefore;
                kept.calls += PER_ROUND;
                calls += PER_ROUND;
            }
        }
        return calls;
    }

    /** CPU of every process involved: this JVM (the caller, the upstream, the fake Runtime APIs) and the functions. */
    private static long cpu(PackagedFunction... functions) {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        for (PackagedFunction function : functions) {
            total += function.cpu().toNanos();
        }
        return total;
    }

    private static void print(Map<String, Samples> samples) {
        double baseP50 = percentile(samples.values().iterator().next().nanos, 50);
        double baseCpu = cpuPerCall(samples.values().iterator().next());
        System.out.printf(Locale.ROOT, "%n%-46s %9s %9s %9s %11s %14s %8s%n", "way (" + ROUNDS + " rounds x " + PER_ROUND
                + " calls)", "p50 us", "p90 us", "p99 us", "CPU/call us", "p50 over (a)", "x (a)");
        samples.forEach((name, kept) -> {
            double p50 = percentile(kept.nanos, 50);
            System.out.printf(Locale.ROOT, "%-46s %9.0f %9.0f %9.0f %11.0f %11.0f us %8.2f%n", name, p50 / 1e3,
                    percentile(kept.nanos, 90) / 1e3, percentile(kept.nanos, 99) / 1e3, cpuPerCall(kept) / 1e3,
                    (p50 - baseP50) / 1e3, p50 / baseP50);
        });
        System.out.printf(Locale.ROOT, "CPU per call over (a): %s%n", samples.entrySet().stream()
                .map(e -> e.getKey().substring(0, 3) + " " + Math.round((cpuPerCall(e.getValue()) - baseCpu) / 1e3) + " us")
                .toList());
    }

    private static double cpuPerCall(Samples kept) {
        return (double) kept.cpuNanos / kept.calls;
    }

    private static double percentile(List<Long> values, int percentile) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static long timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void check(boolean right, String answer) {
        if (!right) {
            throw new AssertionError("a wrong answer: " + answer);
        }
    }

    private static Map<String, String> chatEnvironment(SamTemplate template) {
        Map<String, String> env = new LinkedHashMap<>();
        template.resources().path("ChatFunction").path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
        return env;
    }

    private static PackagedFunction start(SamTemplate template, FakeRuntimeApi runtimeApi, LoopbackSimulator upstream,
            FakeSecretsManager secrets, String name, Map<String, String> more) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(PackagedFunction.lambdaEnvironment(runtimeApi.address(), name,
                template.functionMemoryMb()));
        env.putAll(template.functionEnvironment());
        env.remove("TELEMETRY_SINK");
        env.putAll(more);
        env.put("ANTHROPIC_BASE_URL", upstream.baseUri().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        env.putIfAbsent("TELEMETRY_SINK", "emf");
        return PackagedFunction.start(Path.of("target", "function.zip"), Path.of("target", "lambda-runtime"),
                Files.createDirectories(Path.of("target", "benchmark", name)), template.functionMemoryMb(), env);
    }
}
