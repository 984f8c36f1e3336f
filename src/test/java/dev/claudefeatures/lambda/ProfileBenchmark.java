package dev.claudefeatures.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.testing.FakeSecretsManager;
import dev.claudefeatures.testing.SamTemplate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a warm invocation of the packaged function spends its CPU: the function of
 * {@link InvocationBenchmark}'s (d), warmed up, then recorded by Flight Recorder (execution
 * samples every 10 ms of CPU, {@code settings=profile}) over {@value #RECORDED} invocations. Each
 * sample goes to the component of its innermost frame outside the JDK (JDK code counts for the
 * library that called it). Prints the share of each component and the function's CPU per
 * invocation. Run with {@code ./mvnw -B verify -DskipTests && ./mvnw -B test
 * -Dtest=ProfileBenchmark -Dbenchmarks=true}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class ProfileBenchmark {

    private static final String KEY = "sk-ant-" + "profile-benchmark-key";
    private static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 2_000);
    private static final int RECORDED = 5_000;

    /** Package prefixes and the component they stand for, most specific first. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("dev.claudefeatures.telemetry.", "telemetry: usage line, metrics");
        COMPONENTS.put("dev.claudefeatures.", "the project's own code");
        COMPONENTS.put("org.jboss.resteasy.reactive.client.", "REST client");
        COMPONENTS.put("io.quarkus.rest.client.", "REST client");
        COMPONENTS.put("org.jboss.resteasy.reactive.server.", "REST server");
        COMPONENTS.put("io.quarkus.resteasy.reactive.", "REST server");
        COMPONENTS.put("org.jboss.resteasy.reactive.", "REST server");
        COMPONENTS.put("io.vertx.", "Vert.x and Netty");
        COMPONENTS.put("io.netty.", "Vert.x and Netty");
        COMPONENTS.put("io.quarkus.amazon.lambda.", "Lambda event adapter (Quarkus)");
        COMPONENTS.put("io.quarkus.vertx.", "Vert.x and Netty");
        COMPONENTS.put("com.amazonaws.services.lambda.", "Runtime Interface Client");
        COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
        COMPONENTS.put("io.quarkus.arc.", "CDI (ArC)");
        COMPONENTS.put("io.smallrye.context.", "context propagation");
        COMPONENTS.put("io.smallrye.mutiny.", "Mutiny");
        COMPONENTS.put("org.jboss.logmanager.", "logging");
        COMPONENTS.put("org.jboss.logging.", "logging");
        COMPONENTS.put("io.quarkus.", "Quarkus, other");
    }

    @Test
    void profileWarmInvocations() throws Exception {
        String event = Files.readString(Path.of("infra", "events", "summarise.json"));
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        Path work = Files.createDirectories(Path.of("target", "benchmark", "profile"));
        Path recording = work.toAbsolutePath().resolve("invocations.jfr");
        try (LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding(KEY);
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            try (PackagedFunction function = start(runtimeApi, upstream, secrets, template, work,
                    Map.of("TELEMETRY_SINK", "emf"))) {
                for (int i = 0; i < WARM_UP; i++) {
                    invoke(runtimeApi, event);
                }
                jcmd(function, "JFR.start", "name=invocations", "settings=profile", "jdk.ExecutionSample#period=1ms");
                Duration cpuBefore = function.cpu();
                for (int i = 0; i < RECORDED; i++) {
                    invoke(runtimeApi, event);
                }
                Duration cpu = function.cpu().minus(cpuBefore);
                jcmd(function, "JFR.stop", "name=invocations", "filename=" + recording);
                print(recording, cpu);
            }
        }
    }

    /** Where init spends its CPU, from the process start to the first {@code /next}, unprimed. */
    @Test
    void profileInit() throws Exception {
        SamTemplate template = SamTemplate.read(Map.of("MetricsSink", "emf"));
        Path work = Files.createDirectories(Path.of("target", "benchmark", "profile-init"));
        Path recording = work.toAbsolutePath().resolve("init.jfr");
        try (LoopbackSimulator upstream = LoopbackSimulator.start(Duration.ZERO);
                FakeSecretsManager secrets = FakeSecretsManager.holding(KEY);
                FakeRuntimeApi runtimeApi = new FakeRuntimeApi()) {
            try (PackagedFunction function = start(runtimeApi, upstream, secrets, template, work, Map.of(
                    "LAMBDA_PRIMING", "off",
                    "JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=name=init,settings=profile,jdk.ExecutionSample#period=1ms"))) {
                Duration cpu = function.cpu();
                jcmd(function, "JFR.dump", "name=init", "filename=" + recording);
                System.out.printf(Locale.ROOT, "%nInit, to the first /next: %.0f ms of CPU (with Flight Recorder on)%n",
                        cpu.toNanos() / 1e6);
                print(recording, null);
            }
        }
    }

    /** The packaged function against the fakes, with {@code more} in its environment, once its init is done. */
    private static PackagedFunction start(FakeRuntimeApi runtimeApi, LoopbackSimulator upstream,
            FakeSecretsManager secrets, SamTemplate template, Path work, Map<String, String> more) throws Exception {
        Map<String, String> env = PackagedFunction.environment(runtimeApi, "bench-" + work.getFileName(), template,
                upstream.baseUri(), secrets.endpoint());
        env.putAll(more);
        PackagedFunction function = PackagedFunction.start(Path.of("target", "function.zip"),
                Path.of("target", "lambda-runtime"), work, template.functionMemoryMb(), env);
        try {
            function.awaitInit(runtimeApi, Duration.ofSeconds(60));
            return function;
        } catch (Exception | AssertionError failed) {
            function.close();
            throw failed;
        }
    }

    private static void print(Path recording, Duration cpu) throws Exception {
        Map<String, Integer> samples = new TreeMap<>();
        int total = 0;
        for (RecordedEvent sample : RecordingFile.readAllEvents(recording)) {
            if (!sample.getEventType().getName().equals("jdk.ExecutionSample") || sample.getStackTrace() == null) {
                continue;
            }
            samples.merge(component(sample.getStackTrace().getFrames()), 1, Integer::sum);
            total++;
        }
        int all = total;
        if (cpu != null) {
            System.out.printf(Locale.ROOT, "%nCPU of the function: %.0f us per invocation over %,d invocations%n",
                    cpu.toNanos() / 1e3 / RECORDED, RECORDED);
        }
        System.out.printf(Locale.ROOT, "%,d execution samples, by component:%n", all);
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> System.out.printf(Locale.ROOT, "  %-40s %5.1f %%%n", entry.getKey(),
                        100.0 * entry.getValue() / all));
    }

    /** The component of the innermost frame outside the JDK; JDK code alone counts as such. */
    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                    || type.startsWith("sun.") || type.startsWith("com.sun.")) {
                continue;
            }
            for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
                if (type.startsWith(component.getKey())) {
                    return component.getValue();
                }
            }
            String[] parts = type.split("\\.");
            return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
        }
        return "JDK only (threads, sockets, GC)";
    }

    private static void invoke(FakeRuntimeApi runtimeApi, String event) throws Exception {
        FakeRuntimeApi.Result result = runtimeApi.invoke(event, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
        if (result.error() || !result.body().contains("\\\"summary\\\"")) {
            throw new AssertionError("a wrong answer: " + result.body());
        }
    }

    private static void jcmd(PackagedFunction function, String... command) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(function.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new AssertionError("jcmd " + line + ": " + output);
        }
    }
}
