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
 * per feature and with the default 300, each timed from
 * the process start to its first {@code /next} (init) and through its first invocation; then the
 * warm p50 of one process after a warm-up, the figure the primed first invocation is held to
 * (at most 3 times). Prints medians. Run with {@code ./mvnw -B verify -DskipTests && ./mvnw -B test
 * -Dtest=StartBenchmark -Dbenchmarks=true}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class StartBenchmark {

    private static final String KEY = "sk-ant-" + "start-benchmark-key";
    private static final int STARTS = Integer.getInteger("benchmark.starts", 7);
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 2_000);
    private static final int WARM_CALLS = 1_000;

    /** The ways of starting compared: unprimed, primed once per feature, primed for the JIT (the default). */
    private static final Map<String, Map<String, String>> PRIMINGS = new LinkedHashMap<>();

    static {
        PRIMINGS.put("off", Map.of("LAMBDA_PRIMING", "off"));
        PRIMINGS.put("init, 1 round", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "1"));
        PRIMINGS.put("init, 300 rounds", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "300"));
        // The same with the key in the environment: without the one read of the secret that the
        // first call makes, which a rehearsal against the simulator cannot warm.
        PRIMINGS.put("init, 300 rounds, env key", Map.of("LAMBDA_PRIMING", "init", "LAMBDA_PRIMING_ROUNDS", "300",
                "ANTHROPIC_API_KEY", KEY, "ANTHROPIC_API_KEY_SECRET_ID", ""));
    }

    /** The figures of one fresh process. */
    private record Start(long initNanos, long firstInvocationNanos, long secondInvocationNanos) {
    }

    @Test
    void coldAndPrimedStartsAgainstTheWarmFigure() throws Exception {
        String event = Files.readString(Path.of("infra", "events", "summarise.json"));
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        try (LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding(KEY)) {
            for (int i = 0; i < STARTS; i++) {
                for (Map.Entry<String, Map<String, String>> priming : PRIMINGS.entrySet()) {
                    starts.computeIfAbsent(priming.getKey(), k -> new ArrayList<>()).add(start(upstream, secrets,
                            priming.getValue(), event, i == STARTS - 1 && priming.getKey().equals("off")));
                }
            }
        }
        print(starts);
    }

    private long warmP50;

    private Start start(LoopbackSimulator upstream, FakeSecretsManager secrets, Map<String, String> priming,
            String event, boolean measureWarm) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        try (FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            Map<String, String> env = PackagedFunction.environment(runtimeApi, "bench-start", template,
                    upstream.baseUri(), secrets.endpoint());
            env.putAll(priming);
            long started = System.nanoTime();
            try (PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                    Path.of("target", "lambda-runtime"), Files.createDirectories(Path.of("target", "benchmark",
                            "start")), template.functionMemoryMb(), env)) {
                function.awaitInit(runtimeApi, Duration.ofSeconds(60));
                long init = runtimeApi.firstPollNanos() - started;
                long first = invoke(runtimeApi, event);
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
                }
                return new Start(init, first, second);
            }
        }
    }

    private static long invoke(FakeRuntimeApi runtimeApi, String event) throws Exception {
        long start = System.nanoTime();
        FakeRuntimeApi.Result result = runtimeApi.invoke(event, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
        long took = System.nanoTime() - start;
        if (result.error() || !result.body().contains("\\\"summary\\\"")) {
            throw new AssertionError("a wrong answer: " + result.body());
        }
        return took;
    }

    private void print(Map<String, List<Start>> starts) {
        System.out.printf(Locale.ROOT, "%n%-28s %14s %18s %18s %14s%n", "start (" + STARTS + " each, medians)",
                "init ms", "1st invocation ms", "2nd invocation ms", "1st / warm p50");
        starts.forEach((priming, kept) -> {
            double first = median(kept, Start::firstInvocationNanos);
            System.out.printf(Locale.ROOT, "%-28s %14.0f %18.2f %18.2f %14.1f%n", priming,
                    median(kept, Start::initNanos) / 1e6, first / 1e6,
                    median(kept, Start::secondInvocationNanos) / 1e6, first / warmP50);
        });
        System.out.printf(Locale.ROOT, "warm p50 (one process, after %,d invocations): %.2f ms%n", WARM_UP,
                warmP50 / 1e6);
    }

    private static double median(List<Start> starts, java.util.function.ToLongFunction<Start> figure) {
        long[] values = starts.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }
}
