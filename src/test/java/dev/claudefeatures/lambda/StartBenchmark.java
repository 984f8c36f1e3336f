package dev.claudefeatures.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;

/**
 * Cold starts of the packaged function, with Lambda's JVM options, as the Runtime API sees them:
 * fresh processes, in turn unprimed ({@code lambda.priming=off}) and primed at the end of init
 * ({@code lambda.priming=init}, the rehearsal SnapStart runs before its snapshot) with one round
 * per feature and with the default 300, with and without {@code lambda.connect-ahead}, each timed
 * from the process start to its first {@code /next} (init) and through its first invocation (the
 * event waits for that {@code /next}, as the one that causes a cold start does on Lambda); and
 * the warm p50 of one process after a warm-up, the figure the primed first invocation is held to
 * (at most 3 times), measured first so that the fakes in this JVM are warm for every start.
 * Prints medians. Run with {@code ./mvnw -B verify -DskipTests && ./mvnw -B test -Pbenchmarks
 * -Dtest=StartBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class StartBenchmark {

    private static final String KEY = "sk-ant-" + "start-benchmark-key";
    private static final int STARTS = Integer.getInteger("benchmark.starts", 7);
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 2_000);
    private static final int WARM_CALLS = 1_000;
    /** A first invocation always follows a pause: the warm process is timed after pauses too. */
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final int IDLE_CALLS = 21;

    /** The ways of starting compared: unprimed, primed once per feature, primed for the JIT (the default). */
    private static final Map<String, Map<String, String>> PRIMINGS = new LinkedHashMap<>();

    static {
        PRIMINGS.put("off", Map.of("LAMBDA_PRIMING", "off"));
        PRIMINGS.put("init, 1 round", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "1"));
        PRIMINGS.put("init, 300 rounds", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "300"));
        // Without lambda.connect-ahead: the first invocation reads the secret and opens the connection.
        PRIMINGS.put("init, 300, connect on 1st call", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "300",
                "LAMBDA_CONNECT_AHEAD", "false"));
        // The key in the environment: no secret to read.
        PRIMINGS.put("init, 300 rounds, env key", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "300",
                "ANTHROPIC_API_KEY", KEY, "ANTHROPIC_API_KEY_SECRET_ID", ""));
    }

    /** The figures of one fresh process. */
    private record Start(long initNanos, long aheadMillis, long firstInvocationNanos, long secondInvocationNanos) {
    }

    /** What init spent reading the key and connecting to the API ({@code lambda.connect-ahead}), as it logged it. */
    private static final java.util.regex.Pattern AHEAD = java.util.regex.Pattern.compile(
            "connected to the API ahead of the first invocation, in (\\d+) ms");

    @Test
    void coldAndPrimedStartsAgainstTheWarmFigure() throws Exception {
        String event = Files.readString(Path.of("infra", "events", "summarise.json"));
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        try (LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding(KEY)) {
            // First, so that the fakes in this JVM (the upstream, the Runtime API) are as warm for
            // every start as a real API and Runtime API are: a first invocation is not charged for them.
            start(upstream, secrets, PRIMINGS.get("off"), event, true);
            for (int i = 0; i < STARTS; i++) {
                for (Map.Entry<String, Map<String, String>> priming : PRIMINGS.entrySet()) {
                    starts.computeIfAbsent(priming.getKey(), k -> new ArrayList<>()).add(start(upstream, secrets,
                            priming.getValue(), event, false));
                }
            }
        }
        print(starts);
    }

    private long warmP50;
    private long warmAfterIdleP50;

    private Start start(LoopbackSimulator upstream, FakeSecretsManager secrets, Map<String, String> priming,
            String event, boolean measureWarm) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            Map<String, String> env = PackagedFunction.environment(runtimeApi, "bench-start", template,
                    upstream.baseUri(), secrets.endpoint());
            env.putAll(priming);
            // As on Lambda, the event that causes a cold start is waiting for the runtime's first
            // /next: the first invocation is timed from that /next to its answer.
            CompletableFuture<FakeRuntimeApi.Result> firstResult = runtimeApi.invoke(event, Duration.ofSeconds(90));
            CompletableFuture<Long> firstAnswered = firstResult.thenApply(result -> System.nanoTime());
            long started = System.nanoTime();
            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), Files.createDirectories(Path.of("target", "benchmark",
                            "start")), template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                long init = runtimeApi.firstPollNanos() - started;
                long ahead = function.stdoutLines().stream().map(AHEAD::matcher).filter(java.util.regex.Matcher::find)
                        .mapToLong(found -> Long.parseLong(found.group(1))).findFirst().orElse(0);
                checked(firstResult.get(90, TimeUnit.SECONDS));
                long first = firstAnswered.get() - runtimeApi.firstPollNanos();
                long second = invoke(runtimeApi, event);
                if (measureWarm) {
                    for (int i = 0; i < WARM_UP; i++) {
                        invoke(runtimeApi, event);
                    }
                    long[] warm = new long[WARM_CALLS];
                    for (int i = 0; i < WARM_CALLS; i++) {
                        warm[i] = invoke(runtimeApi, event);
                    }
                    Arrays.sort(warm);
                    warmP50 = warm[WARM_CALLS / 2];
                    long[] afterIdle = new long[IDLE_CALLS];
                    for (int i = 0; i < IDLE_CALLS; i++) {
                        Thread.sleep(IDLE.toMillis());
                        afterIdle[i] = invoke(runtimeApi, event);
                    }
                    Arrays.sort(afterIdle);
                    warmAfterIdleP50 = afterIdle[IDLE_CALLS / 2];
                }
                return new Start(init, ahead, first, second);
            }
        }
    }

    private static long invoke(FakeRuntimeApi runtimeApi, String event) throws Exception {
        long start = System.nanoTime();
        FakeRuntimeApi.Result result = runtimeApi.invoke(event, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
        long took = System.nanoTime() - start;
        checked(result);
        return took;
    }

    private static void checked(FakeRuntimeApi.Result result) {
        if (result.error() || !result.body().contains("\\\"summary\\\"")) {
            throw new AssertionError("a wrong answer: " + result.body());
        }
    }

    private void print(Map<String, List<Start>> starts) {
        System.out.printf(Locale.ROOT, "%n%-28s %8s %22s %18s %18s %14s%n", "start (" + STARTS + " each, medians)",
                "init ms", "of which key+connect ms", "1st invocation ms", "2nd invocation ms", "1st / warm p50");
        starts.forEach((priming, kept) -> {
            double first = median(kept, Start::firstInvocationNanos);
            System.out.printf(Locale.ROOT, "%-28s %8.0f %22.0f %18.2f %18.2f %14.1f%n", priming,
                    median(kept, Start::initNanos) / 1e6, median(kept, Start::aheadMillis), first / 1e6,
                    median(kept, Start::secondInvocationNanos) / 1e6, first / warmP50);
        });
        System.out.printf(Locale.ROOT, "warm p50 (one process, after %,d invocations): %.2f ms%n", WARM_UP,
                warmP50 / 1e6);
        System.out.printf(Locale.ROOT, "the same process, each invocation after a %d ms pause: p50 %.2f ms%n",
                IDLE.toMillis(), warmAfterIdleP50 / 1e6);
    }

    private static double median(List<Start> starts, java.util.function.ToLongFunction<Start> figure) {
        long[] values = starts.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }
}
